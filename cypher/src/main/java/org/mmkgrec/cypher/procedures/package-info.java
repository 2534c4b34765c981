/**
 * The {@code mmkg.*} procedures. Each class adapts Cypher arguments and rows; {@code MmkgProcedures}
 * lists them for embedded registration (a server finds them in the plugin jar by itself).
 */
package org.mmkgrec.cypher.procedures;
