package dev.lockstep.coordinator.dashboard;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.coordinator.flow.CoordinatorStack;
import dev.lockstep.proto.rollout.v1.CreateRolloutRequest;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlanReleaseRequest;
import dev.lockstep.proto.rollout.v1.RolloutServiceGrpc;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.testsupport.TestTokens;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium, driven by Selenium through {@code /usr/bin/chromedriver}
 * (named explicitly, so Selenium Manager never downloads anything): an approver signs in, watches a
 * rollout advance to AWAITING_APPROVAL without reloading, approves it, a second approver signs in
 * and approves, and the page follows it live to SUCCEEDED; then a page whose coordinator goes away
 * says that live updates are paused. Screenshots go to {@code target/dashboard-screenshots}.
 *
 * <p>To be sure the page is open before the rollout moves, the test briefly holds a row lock the
 * engine needs (the rollout's row, later its targets' rows); reading never waits for those locks,
 * so the page and its event stream work throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MARKER = "window.__lockstepMarker";

  private CoordinatorStack stack;
  private ChromeDriverService service;
  private ChromeDriver driver;
  private Path profile;

  @BeforeAll
  void start() throws IOException {
    for (String program : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(program))) {
        fail(program + " is missing: the dashboard's browser test drives Debian's headless Chromium through "
            + "chromedriver. Install both with: apt-get install chromium chromium-driver");
      }
    }
    Files.createDirectories(SHOTS);
    try (Stream<Path> old = Files.list(SHOTS)) {
      for (Path p : old.filter(p -> p.toString().endsWith(".png")).toList()) {
        Files.delete(p);
      }
    }
    stack = new CoordinatorStack("alpha", "beta", "fragile");
    profile = Files.createTempDirectory("lockstep-chromium-");
    service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,2200");
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 2200));
  }

  @AfterAll
  void stop() throws IOException {
    try {
      if (driver != null) {
        driver.quit();
      }
      if (service != null) {
        service.stop();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
      if (profile != null) {
        try (Stream<Path> files = Files.walk(profile)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @Test
  @Order(1)
  void approvers_watchARolloutAdvanceLive_approveIt_andSeeItSucceed() throws Exception {
    signIn("ann");
    shot("01-rollouts");

    String id;
    try (Connection hold = stack.coordinatorDatabase().connect()) {
      hold.setAutoCommit(false);
      id = create("2026.11-browser", "alpha-service:2", "beta-service:2:alpha-service");
      lock(hold, "SELECT 1 FROM coordinator.rollouts WHERE rollout_id = ? FOR UPDATE", id);

      driver.get(stack.httpUrl() + "/dashboard/rollouts/" + id);
      String before = state();
      assertThat(before).isIn("PLANNED", "PREFLIGHT", "BACKING_UP", "VERIFYING_BACKUPS", "REHEARSING");
      mark();
      waitFor(d -> note().contains("Live:"));
      assertThat(driver.findElement(By.cssSelector("#plan details summary")).getText()).contains("V2");
      shot("02-rollout-running");
      hold.rollback();
    }

    waitFor(d -> "AWAITING_APPROVAL".equals(state()));
    assertThat(marked()).as("the page changed without a reload").isTrue();
    assertThat(driver.findElements(By.cssSelector("#timeline li")))
        .hasSize(Integer.parseInt(driver.findElement(By.id("main")).getDomAttribute("data-last-sequence")));
    assertThat(driver.findElement(By.id("backups")).getText()).contains("alpha-service/production")
        .contains("beta-service/production");
    waitFor(d -> !driver.findElements(By.cssSelector("#decision textarea")).isEmpty());
    shot("03-awaiting-approval");

    decide("Backups proven, rehearsal clean; approving.");
    assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("Your approval is recorded.");
    assertThat(driver.findElement(By.id("approval-count")).getText()).startsWith("1 of 2 approvals received");
    shot("04-approved-by-ann");

    driver.findElement(By.cssSelector(".user button")).click();
    waitFor(d -> driver.getPageSource().contains("You are signed out."));
    signIn("bob");
    driver.get(stack.httpUrl() + "/dashboard/rollouts/" + id);
    try (Connection hold = stack.coordinatorDatabase().connect()) {
      hold.setAutoCommit(false);
      // Production apply waits for the targets' rows, so the page after the approval sees it happen.
      lock(hold, "SELECT 1 FROM coordinator.rollout_targets WHERE rollout_id = ? FOR UPDATE", id);
      decide("Second pair of eyes: the SQL is additive. Go.");
      assertThat(state()).isIn("AWAITING_APPROVAL", "AWAITING_WINDOW", "APPLYING");
      mark();
      waitFor(d -> note().contains("Live:"));
      hold.rollback();
    }
    waitFor(d -> "SUCCEEDED".equals(state()));
    assertThat(marked()).as("the page changed without a reload").isTrue();
    waitFor(d -> note().contains("Live updates ended"));
    assertThat(driver.findElement(By.id("approvals")).getText()).contains("ann approved").contains("bob approved");
    assertThat(driver.findElement(By.id("audit")).getText()).contains("rollout.approved")
        .contains("SUCCEEDED");
    shot("05-succeeded");
  }

  @Test
  @Order(2)
  void aPageWhoseCoordinatorGoesAway_saysLiveUpdatesArePaused_andKeepsItsContent() throws Exception {
    String id = create("2026.11-paused", "fragile-service:2");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    driver.get(stack.httpUrl() + "/dashboard/rollouts/" + id);
    waitFor(d -> note().contains("Live:"));

    stack.stopCoordinator();

    waitFor(d -> note().contains("Live updates are paused"));
    assertThat(driver.findElement(By.cssSelector("#live-note a")).getText()).isEqualTo("Reload");
    assertThat(state()).isEqualTo("AWAITING_APPROVAL");
    assertThat(driver.findElement(By.id("plan")).getText()).contains("fragile-service");
    shot("06-live-updates-paused");
  }

  private String create(String release, String... targets) {
    RolloutServiceGrpc.RolloutServiceBlockingStub rita = stack.rollouts("rita", "release-manager");
    Plan plan = rita.planRelease(PlanReleaseRequest.newBuilder().setManifestYaml(manifest(release, 2, "undo",
        targets)).build()).getPlan();
    return rita.createRollout(CreateRolloutRequest.newBuilder().setRequestId("create-" + release)
        .setPlanId(plan.getPlanId()).build()).getRollout().getRolloutId();
  }

  private static void lock(Connection c, String sql, String rolloutId) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, UUID.fromString(rolloutId));
      ps.executeQuery().close();
    }
  }

  private void signIn(String subject) {
    driver.get(stack.httpUrl() + "/dashboard/sign-in");
    if (subject.equals("ann")) {
      shot("00-sign-in");
    }
    driver.findElement(By.id("token")).sendKeys(TestTokens.mint(subject, "approver"));
    driver.findElement(By.cssSelector("form.sign-in button")).click();
    waitFor(d -> d.getTitle().startsWith("Rollouts"));
    assertThat(driver.findElement(By.cssSelector(".user strong")).getText()).isEqualTo(subject);
  }

  private void decide(String comment) {
    driver.findElement(By.id("comment")).sendKeys(comment);
    driver.findElement(By.cssSelector("button.approve")).click();
    waitFor(d -> d.getCurrentUrl().contains("decided=approve"));
  }

  private String state() {
    return driver.findElement(By.id("state")).getDomAttribute("data-state");
  }

  private String note() {
    return driver.findElement(By.id("live-note")).getText();
  }

  private void mark() {
    ((JavascriptExecutor) driver).executeScript(MARKER + " = 'still-here';");
  }

  private boolean marked() {
    return "still-here".equals(((JavascriptExecutor) driver).executeScript("return " + MARKER + ";"));
  }

  private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
    try {
      new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
          .ignoring(NoSuchElementException.class).until(condition::apply);
    } catch (TimeoutException e) {
      // What the browser showed when the wait gave up, next to the other screenshots.
      shot("failed-wait");
      throw new AssertionError("waited " + WAIT + " in vain at " + driver.getCurrentUrl() + "; the page:\n"
          + driver.getPageSource(), e);
    }
  }

  private void shot(String name) {
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
    try {
      Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot save screenshot " + name, e);
    }
  }
}
