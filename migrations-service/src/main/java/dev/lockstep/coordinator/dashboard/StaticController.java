package dev.lockstep.coordinator.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The dashboard's two static files, from the classpath ({@code dashboard/}): no build step, no CDN.
 * Only these names are served; browsers revalidate them by ETag.
 */
@Controller("/dashboard/static")
public class StaticController {

  private record Asset(byte[] bytes, MediaType type, String etag) {}

  private final Map<String, Asset> assets = Map.of(
      "dashboard.js", load("dashboard.js", MediaType.of("text/javascript;charset=utf-8")),
      "dashboard.css", load("dashboard.css", MediaType.of("text/css;charset=utf-8")));

  /** One file; 404 for any other name. */
  @Get("/{name}")
  public HttpResponse<byte[]> asset(HttpRequest<?> request, @PathVariable String name) {
    Asset asset = assets.get(name);
    if (asset == null) {
      return HttpResponse.<byte[]>status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN_TYPE)
          .body("no such file\n".getBytes(StandardCharsets.UTF_8));
    }
    if (request.getHeaders().get("If-None-Match", String.class).map(asset.etag()::equals).orElse(false)) {
      return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header("ETag", asset.etag())
          .header("Cache-Control", "no-cache");
    }
    return HttpResponse.ok(asset.bytes()).contentType(asset.type()).header("ETag", asset.etag())
        .header("Cache-Control", "no-cache");
  }

  private static Asset load(String name, MediaType type) {
    try (InputStream in = StaticController.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard/" + name + " is missing from the classpath");
      }
      byte[] bytes = in.readAllBytes();
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard/" + name, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Anything unexpected: a reference to the log, never a stack trace. */
  @Error(exception = RuntimeException.class)
  public HttpResponse<String> failure(HttpRequest<?> request, RuntimeException e) {
    return DashboardErrors.failure(request, e);
  }
}
