/**
 * Transfer and programming (Ambrogio et al., Nature 558, 2018): a column's read, the offset and the
 * RESET rule, closed-loop program-and-verify of its PCM pairs (the column waits for its slowest
 * responsive cell, timed by {@link org.aimc.crossbar.transfer.ProgrammingLatencies}), the
 * capacitors' reset, the residual left to g and the polarity flip, in
 * {@link org.aimc.crossbar.transfer.ColumnTransfer}, under one value of
 * {@link org.aimc.crossbar.transfer.TransferRules}.
 */
package org.aimc.crossbar.transfer;
