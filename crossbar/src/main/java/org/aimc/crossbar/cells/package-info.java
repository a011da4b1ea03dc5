/**
 * The synapses of one tile, stored array-wise: the {@link org.aimc.crossbar.cells.CellArray}
 * interface and its layouts (the paper's hybrid PCM pair + 3T1C capacitor cell, a PCM pair alone, a
 * capacitor alone, ideal float weights) over the devices module's arrays; the
 * {@link org.aimc.crossbar.cells.EffectiveWeights} cache that the MVM reads and everything else
 * refreshes; and the argument {@link org.aimc.crossbar.cells.Checks} that the crossbar's packages
 * share. The lowest of the crossbar's packages: it knows nothing of periphery, update or transfer.
 */
package org.aimc.crossbar.cells;
