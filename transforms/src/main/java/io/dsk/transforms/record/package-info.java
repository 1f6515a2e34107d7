/**
 * Reading pieces of a Connect record by name: references such as {@code value.customer.tenant},
 * text templates with {@code ${...}} placeholders, and JSON pointers into Structs and Maps.
 */
package io.dsk.transforms.record;
