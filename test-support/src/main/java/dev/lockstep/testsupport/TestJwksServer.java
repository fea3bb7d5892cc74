package dev.lockstep.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (an ephemeral port) serving a JSON Web Key Set at
 * {@code /.well-known/jwks.json}, as auth-service does: for tests of JWKS-based token verification,
 * including key rotation ({@link #publish}), issuer failures ({@link #respondWith}) and an issuer
 * that never answers ({@link #hang()}). Counts the requests it receives. Close it after the test.
 */
public final class TestJwksServer implements AutoCloseable {

  /** The path the key set is served at. */
  public static final String PATH = "/.well-known/jwks.json";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-jwks-server");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String body;
  private volatile boolean hang;

  private TestJwksServer(String body) throws IOException {
    this.body = body;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** A started server publishing these keys. */
  public static TestJwksServer start(TestSigningKey... keys) {
    try {
      return new TestJwksServer(TestSigningKey.jwks(keys));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the test JWKS server on 127.0.0.1", e);
    }
  }

  /** The key set's URL, e.g. {@code http://127.0.0.1:41234/.well-known/jwks.json}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** Serves these keys from now on (status 200). */
  public void publish(TestSigningKey... keys) {
    respondWith(200, TestSigningKey.jwks(keys));
  }

  /** Answers every request with this status and body from now on. */
  public void respondWith(int status, String body) {
    this.status = status;
    this.body = body;
    this.hang = false;
  }

  /** Accepts requests but never answers them until {@link #close()}. */
  public void hang() {
    this.hang = true;
  }

  /** How many requests arrived so far. */
  public int requestCount() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (hang) {
        try {
          closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
