/**
 * Path templates that render a canonical stream path (see {@code io.dsk.path.StreamPath}) from a
 * record, each value encoded into its own segment.
 */
package io.dsk.transforms.path;
