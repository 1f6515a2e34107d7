/**
 * Rendering: Connect values to JSON without loss (logical types, nested Struct, Map and List), the
 * optional envelope, text and byte passthrough, and batch bodies per content type.
 */
package io.dsk.connector.render;
