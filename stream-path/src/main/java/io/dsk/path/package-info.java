/**
 * Stream paths, in one place for the transforms, the connector and the gateway: encoding a value into
 * exactly one segment, canonical names, their URL form, parsing a request path, and the path patterns
 * of grants and audience checks. No dependencies.
 */
package io.dsk.path;
