/**
 * RecBole atomic files in general ({@code .inter .item .user .kg .link}), with the per-user time split.
 */
package org.mmkgrec.loader.recbole;
