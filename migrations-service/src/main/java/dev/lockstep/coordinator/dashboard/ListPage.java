package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rollouts list: newest first, filtered by state and release, a page at a time. */
final class ListPage {

  private ListPage() {}

  /**
   * The page.
   *
   * @param rows the rollouts of this page
   * @param state the state filter, or null
   * @param release the release filter, or null
   * @param size the page size
   * @param nextToken the token of the next (older) page, or null on the last page
   * @param paged true when this is not the first page
   */
  static Html.Safe page(SignedIn user, List<RolloutRow> rows, RolloutState state, String release, int size,
      String nextToken, boolean paged) {
    List<Html.Safe> options = new ArrayList<>();
    options.add(Html.of("<option value=\"\"{}>any state</option>\n", Html.when(state == null, selected())));
    for (RolloutState s : RolloutState.values()) {
      options.add(Html.of("<option value=\"{}\"{}>{}</option>\n", s.name(), Html.when(s == state, selected()),
          s.name()));
    }
    List<Html.Safe> lines = new ArrayList<>();
    for (RolloutRow r : rows) {
      lines.add(Html.of("""
          <tr><th scope="row"><a href="/dashboard/rollouts/{}">{}</a></th>\
          <td><span class="state state-{}">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>
          """, r.rolloutId(), r.release(), Format.token(r.state().name()), r.state().name(), r.requestedBy(),
          Format.time(r.createdAt()), Format.time(r.updatedAt()), r.statusMessage()));
    }
    String filters = (state == null ? "" : "&state=" + state.name())
        + (release == null ? "" : "&release=" + URLEncoder.encode(release, StandardCharsets.UTF_8))
        + "&size=" + size;
    Html.Safe body = Html.of("""
        <h1>Rollouts</h1>
        <form method="get" action="/dashboard" class="filters">
        <label for="state">State</label>
        <select id="state" name="state">
        {}</select>
        <label for="release">Release</label>
        <input id="release" name="release" value="{}" maxlength="80">
        <button type="submit">Show</button>
        </form>
        {}
        <nav class="pages" aria-label="Pages">{}{}</nav>
        """, Html.join(options), release == null ? "" : release,
        lines.isEmpty() ? Html.of("<p class=\"none\">No rollouts{}.</p>", paged ? " on this page" : " yet")
            : Html.of("""
                <table class="rollouts">
                <caption>Newest first; the page does not update by itself: <a href="/dashboard">reload</a> for \
                new rollouts.</caption>
                <thead><tr><th scope="col">Release</th><th scope="col">State</th><th scope="col">Requested by</th>\
                <th scope="col">Created</th><th scope="col">Last change</th><th scope="col">Status</th></tr></thead>
                <tbody>
                {}</tbody>
                </table>""", Html.join(lines)),
        Html.when(paged, Html.of("<a href=\"/dashboard?{}\">Newest</a> ", filters.substring(1))),
        nextToken == null ? Html.EMPTY
            : Html.of("<a rel=\"next\" href=\"/dashboard?before={}{}\">Older rollouts</a>", nextToken, filters));
    return Layout.page("Rollouts", user, Html.EMPTY, Html.EMPTY, body);
  }

  private static Html.Safe selected() {
    return new Html.Safe(" selected");
  }
}
