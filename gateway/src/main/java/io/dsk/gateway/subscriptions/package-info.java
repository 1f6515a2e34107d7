/**
 * Durable subscriptions (PROTOCOL.md 6, 7): cursors over streams that wake workers by signed
 * webhook or by wake events on a pull-wake stream, with generation fencing and leases.
 *
 * <p>{@link io.dsk.gateway.subscriptions.Subscriptions} is the state machine: pure operations that
 * take the time as an argument. {@link io.dsk.gateway.subscriptions.SubscriptionService} runs it:
 * commits each change to the store before it is answered or delivered, and carries out deliveries
 * and timers. {@link io.dsk.gateway.subscriptions.SubscriptionApi} is its HTTP face.
 *
 * <p>Threads: the append committer only queues changed stream ids; {@code dsk-subscriptions} turns
 * them into wakes; {@code dsk-subscription-delivery} sends webhooks and writes wake events;
 * {@code dsk-subscription-timer} ends leases and starts retries; HTTP worker threads run the API.
 * Every state change holds the service's one lock.
 */
package io.dsk.gateway.subscriptions;
