/**
 * The crossbar as a layer sees it: a {@link org.aimc.crossbar.tile.Tile} is a small facade over one
 * physical array's concerns (the MVM path in {@code periphery}, the pulsed update in {@code update},
 * the transfer in {@code transfer}, and its state I/O), and an {@link org.aimc.crossbar.tile.AnalogLayer}
 * cuts a weight matrix over a grid of tiles and sums their partial results digitally. The top floor
 * of the crossbar's own packages: the others never import it.
 */
package org.aimc.crossbar.tile;
