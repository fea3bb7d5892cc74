package dev.lockstep.http.testapp;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

/** An endpoint whose author forgot the access policy: refused to everyone (test-only). */
@Hidden
@Controller("/unannotated")
public class UnannotatedController {

  @Get
  public String get() {
    return "should never be served";
  }
}
