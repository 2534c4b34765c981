/**
 * The {@code ./mmkg} command line (picocli): one class per command; {@code serve} and {@code demo} start
 * the Quarkus service in a child JVM.
 */
package org.mmkgrec.service.cli;
