// Lockstep dashboard: live updates for a rollout page. The page is complete without this script;
// it only keeps it current. It subscribes to the rollout's server-sent events, appends timeline
// entries and swaps in the re-rendered parts marked data-live. Whenever updates stop (a dropped
// or refused connection, a stream that goes quiet, an expired sign-in) the note at the top says so
// with a reload link, and the server-rendered page stays as it is.
(function () {
  'use strict';

  document.documentElement.classList.add('js');
  var main = document.querySelector('main[data-rollout-id]');
  var note = document.getElementById('live-note');
  if (!main || !note || main.dataset.terminal === 'true') {
    return;
  }

  // The server pings every 15 s on a quiet stream; three missed pings mean the stream is dead.
  var STALL_MS = 45000;
  var timeline = document.getElementById('timeline');
  var last = Number(main.dataset.lastSequence) || 0;
  var auditLive = main.dataset.auditLive === 'true';
  var rendered = {};
  var source = null;
  var watchdog = null;
  var stopped = false;

  function say(kind, text, reloadText) {
    note.className = 'live-note ' + kind;
    note.textContent = text;
    if (reloadText) {
      var link = document.createElement('a');
      link.href = window.location.pathname;
      link.textContent = reloadText;
      note.appendChild(document.createTextNode(' '));
      note.appendChild(link);
    }
  }

  function stop(kind, text, reloadText) {
    stopped = true;
    window.clearTimeout(watchdog);
    if (source) {
      source.close();
    }
    say(kind, text, reloadText);
  }

  function alive() {
    window.clearTimeout(watchdog);
    watchdog = window.setTimeout(function () {
      if (source) {
        source.close();
      }
      say('paused', 'Live updates are paused: nothing arrived for ' + STALL_MS / 1000 + ' s. Reconnecting;'
          + ' the page may be out of date.', 'Reload');
      connect();
    }, STALL_MS);
  }

  function applySections(sections) {
    var parts = main.querySelectorAll('[data-live]');
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      var name = part.getAttribute('data-live');
      var html = sections[name];
      if (typeof html !== 'string' || (name === 'audit' && !auditLive)) {
        continue;
      }
      if (name === 'decision') {
        // Replace the form only when what it offers changes, keeping a comment being typed.
        var key = sections['decision-key'];
        if (part.getAttribute('data-key') === key) {
          continue;
        }
        var old = part.querySelector('textarea');
        var typed = old ? old.value : '';
        part.innerHTML = html;
        part.setAttribute('data-key', key);
        var fresh = part.querySelector('textarea');
        if (fresh && typed) {
          fresh.value = typed;
        }
        continue;
      }
      if (rendered[name] !== html) {
        part.innerHTML = html;
        rendered[name] = html;
      }
    }
  }

  function onRollout(event) {
    var data = JSON.parse(event.data);
    if (data.sequence > last) {
      if (!document.getElementById('event-' + data.sequence)) {
        timeline.insertAdjacentHTML('beforeend', data.entry);
      }
      last = data.sequence;
      main.setAttribute('data-last-sequence', String(last));
    }
    if (data.sections) {
      applySections(data.sections);
    }
    alive();
  }

  function connect() {
    if (stopped) {
      return;
    }
    source = new EventSource(main.dataset.events + '?after=' + last);
    source.addEventListener('hello', function () {
      say('live', 'Live: changes appear here as they happen.');
      alive();
    });
    source.addEventListener('ping', alive);
    source.addEventListener('rollout', onRollout);
    source.addEventListener('end', function (event) {
      stop('done', 'Live updates ended: the rollout is finished (' + JSON.parse(event.data).state + ').');
    });
    source.addEventListener('signed-out', function (event) {
      stop('paused', 'Live updates stopped: your sign-in ended (' + JSON.parse(event.data).reason + ').',
          'Reload to sign in again');
    });
    source.onerror = function () {
      if (stopped) {
        return;
      }
      if (source.readyState === EventSource.CLOSED) {
        // Refused (signed out, rollout gone, server error): retrying would be refused again.
        stop('paused', 'Live updates are paused: the coordinator refused the connection.', 'Reload');
      } else {
        say('paused', 'Live updates are paused: the connection dropped; reconnecting. The page may be out of date.',
            'Reload');
      }
    };
  }

  if (!window.EventSource) {
    say('paused', 'This browser cannot receive live updates.', 'Reload');
    return;
  }
  say('connecting', 'Connecting to live updates…');
  connect();
}());
