/**
 * Stream paths: their shape, the escaping that keeps record values inside one segment, templates
 * that render paths from records, and patterns that find the audience segment of a path.
 */
package io.dsk.transforms.path;
