/**
 * Routing: which stream a record goes to. Path templates over the record's coordinates, key, headers and
 * value fields, with every substituted value escaped into exactly one path segment.
 */
package io.dsk.connector.route;
