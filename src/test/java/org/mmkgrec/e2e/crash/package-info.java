/**
 * Kill tests: the crash-safety claims checked by killing real processes with SIGKILL ({@code kill -9})
 * at seeded random points and looking at the store after a restart.
 *
 * <ul>
 *   <li>{@link org.mmkgrec.e2e.crash.LoadKillTest}: a load of RecBole files with a tabular KG, and one
 *       with an RDF (Turtle) KG full of blank nodes, killed several times and resumed, equals a clean
 *       load of the same files, node for node and relationship for relationship, held-out files included.</li>
 *   <li>{@link org.mmkgrec.e2e.crash.TrainWriteBackKillTest}: a kill during {@code train}'s write-back
 *       leaves exactly one active version, and it is complete; the next run removes the half-written one.</li>
 *   <li>{@link org.mmkgrec.e2e.crash.OnlineWritesKillTest}: every online write acknowledged before a
 *       kill is stored whole after the restart.</li>
 * </ul>
 *
 * <p>How the pieces fit: each test starts a child JVM on its own class path ({@link
 * org.mmkgrec.e2e.crash.ChildJvm}) running a small main ({@code LoadChild}, {@code WriteBackChild},
 * {@code OnlineWritesChild}) that opens the store as the CLI or the service does and reports on stdout
 * after every committed transaction or acknowledged write ({@link org.mmkgrec.e2e.crash.ChildMain});
 * the test picks a seeded random report to kill after, kills, then reopens the store in its own JVM
 * (Neo4j recovers from its transaction log) and checks it. {@link org.mmkgrec.e2e.crash.StoreSnapshot}
 * compares two stores. A SIGKILL ends the process, not the machine: what was written to the operating
 * system survives it, so these tests do not cover power loss (Neo4j forces its transaction log at each
 * commit for that; the loader forces its held-out files).
 *
 * <p>Run them alone (about a minute; part of {@code ./mvnw verify}):
 * {@code ./mvnw -B -pl src/test -am test -Dtest='*KillTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package org.mmkgrec.e2e.crash;
