package io.dsk.gateway.attack;

/**
 * One request of a case and its answer, as the oracle judges it.
 *
 * @param principal who sent it: a user name, {@code anonymous}, or the case's own name; planted
 *                  secrets of any other owner must not appear in the answer
 * @param request   a short description for the failure message
 */
record Observation(String principal, String request, Answer answer, Expect expect) {
}
