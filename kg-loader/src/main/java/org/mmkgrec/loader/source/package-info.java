/**
 * What readers produce: records (interactions, triples, links, content, tags), the sink they push
 * them into ({@code MmkgSink}, {@code DatasetBuffer}) and the bad-input policy ({@code InputErrors}:
 * stop at the first bad record, or skip and count; messages name file, line and field).
 */
package org.mmkgrec.loader.source;
