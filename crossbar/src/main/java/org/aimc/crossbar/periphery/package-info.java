/**
 * The MVM path: the hot {@link org.aimc.crossbar.periphery.MvmKernel}s (a scalar one and a Vector
 * API one, chosen once by {@link org.aimc.crossbar.periphery.MvmKernels}), the DAC/ADC
 * quantisers, output noise and IR drop of one direction's periphery, and
 * {@link org.aimc.crossbar.periphery.MvmPath}, the forward and backward products of a tile with its
 * periphery and the cells' read noise. Reads the cells' weights; never changes them.
 */
package org.aimc.crossbar.periphery;
