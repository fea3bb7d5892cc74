package dev.lockstep.coordinator.dashboard;

/** The sign-in page: paste a bearer token. */
final class SignInPage {

  private SignInPage() {}

  /**
   * The page.
   *
   * @param message why the user is here or what went wrong (plain text), or null
   * @param refused true when {@code message} is a refusal
   * @param then where to go after signing in
   * @param nonce the sign-in form's double-submit value
   */
  static Html.Safe page(String message, boolean refused, String then, String nonce) {
    return Layout.page("Sign in", null, Html.EMPTY, Html.EMPTY, Html.of("""
        <h1>Sign in</h1>
        {}<p>Paste a bearer token for the coordinator: the same JWT its gRPC API accepts, with the role
        <code>viewer</code> to follow rollouts or <code>approver</code> to approve them (for development:
        <code>bin/dev-token ann approver</code>). It is kept in a cookie only this dashboard reads, until you sign
        out or close the browser.</p>
        <form method="post" action="/dashboard/sign-in" class="sign-in">
        <input type="hidden" name="then" value="{}">
        <input type="hidden" name="nonce" value="{}">
        <label for="token">Bearer token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required>
        <button type="submit">Sign in</button>
        </form>
        """, message == null ? Html.EMPTY : refused
            ? Html.of("<p class=\"alert\" role=\"alert\">{}</p>\n", message)
            : Html.of("<p class=\"confirm\" role=\"status\">{}</p>\n", message), then, nonce));
  }
}
