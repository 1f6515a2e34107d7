package io.dsk.gateway.http;

import io.dsk.gateway.store.NotInMemoryException;
import io.dsk.gateway.streams.CatchUpReads;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/** Runs request work so that any failure becomes a response, never an unhandled exception. */
final class Work {

    /** A step of a request that may fail. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** A step that reads from memory only: true once it answered, refused, parked or started the request. */
    @FunctionalInterface
    interface MemoryStep {
        boolean answer(CatchUpReads memory) throws Exception;
    }

    private Work() {
    }

    /**
     * On the IO thread: runs {@code step} against the memory-only reads. Returns false, with the
     * exchange untouched, when there are none (cluster mode), when not on the IO thread, or when the
     * step needed the disk ({@link NotInMemoryException}): then the caller runs the request on a
     * worker from the start. A failure is answered as on a worker.
     */
    static boolean fromMemory(HttpServerExchange exchange, Optional<CatchUpReads> memory, MemoryStep step) {
        if (memory.isEmpty() || !exchange.isInIoThread()) {
            return false;
        }
        try {
            return step.answer(memory.get());
        } catch (NotInMemoryException e) {
            return false;
        } catch (Throwable t) {
            Responses.fail(exchange, t); // as guarded answers a failure on a worker
            return true;
        }
    }

    /** Runs {@code step} with the request's id in the logging MDC (see {@link RequestIdHandler}). */
    static void guarded(HttpServerExchange exchange, Step step) {
        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
            step.run();
        } catch (Throwable t) {
            Responses.fail(exchange, t);
        }
    }

    /** Runs {@code step} on a worker thread (dispatching if on an IO thread). */
    static void onWorker(HttpServerExchange exchange, Step step) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(() -> guarded(exchange, step));
        } else {
            guarded(exchange, step);
        }
    }
}
