/**
 * The embedded store inside the service: started and stopped with the application, configured by
 * the {@code mmkg.store.*} keys ({@code StoreConfig}).
 */
package org.mmkgrec.service.store;
