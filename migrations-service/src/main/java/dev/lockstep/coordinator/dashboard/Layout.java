package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import java.util.TreeSet;

/** The page shell every dashboard page shares: head, the signed-in user with sign-out, main. */
final class Layout {

  /** Where the stylesheet is served. */
  static final String CSS = "/dashboard/static/dashboard.css";
  /** Where the script is served. */
  static final String JS = "/dashboard/static/dashboard.js";

  private Layout() {}

  /**
   * A whole page.
   *
   * @param title the page title (without the product name)
   * @param user the signed-in user, or null on the sign-in page
   * @param head extra head elements (a no-script refresh, the script)
   * @param mainAttributes extra attributes of {@code <main>}, already safe
   * @param body the content of {@code <main>}
   */
  static Html.Safe page(String title, SignedIn user, Html.Safe head, Html.Safe mainAttributes, Html.Safe body) {
    return Html.of("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{} · Lockstep</title>
        <link rel="stylesheet" href="{}">
        {}</head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <nav aria-label="Main"><a class="brand" href="/dashboard">Lockstep releases</a></nav>
        {}</header>
        <main id="main"{}>
        {}</main>
        </body>
        </html>
        """, title, CSS, head, user == null ? Html.EMPTY : userBox(user), mainAttributes, body);
  }

  private static Html.Safe userBox(SignedIn user) {
    return Html.of("""
        <div class="user">
        <span>Signed in as <strong>{}</strong> <span class="roles">({})</span></span>
        <form method="post" action="/dashboard/sign-out" class="inline">
        <input type="hidden" name="csrf" value="{}">
        <button type="submit" class="link">Sign out</button>
        </form>
        </div>
        """, user.caller().subject(), roles(user), user.csrf());
  }

  /** The user's roles, sorted, comma separated ("no roles" when none). */
  static String roles(SignedIn user) {
    return user.caller().roles().isEmpty() ? "no roles" : String.join(", ", new TreeSet<>(user.caller().roles()));
  }

  /** A page that only says something (errors, refusals without a rollout to show). */
  static Html.Safe message(String title, SignedIn user, String heading, String text, Html.Safe next) {
    return page(title, user, Html.EMPTY, Html.EMPTY, Html.of("""
        <h1>{}</h1>
        <p class="alert" role="alert">{}</p>
        <p>{}</p>
        """, heading, text, next));
  }
}
