// A long call keeps its notes. Typing counts as activity (a light request now and then renews
// the idle window, never past the 12-hour limit); a warning with "Stay signed in" comes before
// the session ends; and a form sent after it ended waits, as typed, for the sign-in in another
// window, then is sent. Nothing typed is written to the browser's storage: it stays in the page.
(function () {
  "use strict";
  var dialog = document.getElementById("session-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  if (document.querySelector("[data-session-restored]") && window.opener) {
    window.setTimeout(function () { window.close(); }, 1500);
  }
  var idle = Number(dialog.dataset.idle) * 1000;
  var warning = Number(dialog.dataset.warning) * 1000;
  var pingEvery = Math.min(5 * 60 * 1000, idle / 3);
  var lastContact = Date.now(); // the server renewed the idle window when it sent this page
  var absoluteEnd = lastContact + Number(dialog.dataset.endsIn) * 1000;
  var lastTyped = 0;
  var asking = false;
  var ended = false;
  var pending = null; // the form sent after the session ended, with the button that sent it
  var waiting = false;
  var released = new WeakSet();

  function part(selector) {
    return dialog.querySelector(selector);
  }

  // The session's status; null once it has ended (the answer is a redirect to sign-in);
  // undefined when the network did not answer (nothing is concluded from that).
  function status() {
    return fetch(dialog.dataset.statusUrl, {
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }, function () {
      return undefined;
    });
  }

  function renewed(answer) {
    lastContact = Date.now();
    absoluteEnd = lastContact + answer.ends_in * 1000;
    delete dialog.dataset.dismissed;
    // a new sign-in gives a new form token: every form on the page takes it
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
      input.value = answer.csrf_token;
    });
  }

  function show(state) {
    dialog.querySelectorAll("[data-state]").forEach(function (section) {
      section.hidden = section.dataset.state !== state;
    });
    dialog.dataset.shown = state;
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function hide() {
    delete dialog.dataset.shown;
    if (dialog.open) {
      dialog.close();
    }
  }

  function end() {
    ended = true;
    show("ended");
  }

  function ask() {
    if (asking) {
      return;
    }
    asking = true;
    status().then(function (answer) {
      asking = false;
      if (answer === null) {
        end();
      } else if (answer) {
        renewed(answer);
        if (dialog.dataset.shown === "ending") {
          hide();
        }
      }
    });
  }

  function countdown(milliseconds) {
    var seconds = Math.max(0, Math.ceil(milliseconds / 1000));
    var text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    dialog.querySelectorAll("[data-countdown]").forEach(function (element) {
      element.textContent = text;
    });
  }

  function tick() {
    if (ended) {
      return;
    }
    var now = Date.now();
    if (lastTyped > lastContact && now - lastContact >= pingEvery && now < absoluteEnd) {
      ask();
      return;
    }
    var idleEnd = lastContact + idle;
    var left = Math.min(idleEnd, absoluteEnd) - now;
    if (left <= 0) {
      ask(); // the server says whether it ended (another tab may have kept it open)
    } else if (left <= warning) {
      var state = absoluteEnd <= idleEnd ? "limit" : "ending";
      if (dialog.dataset.shown !== state && dialog.dataset.dismissed !== state) {
        show(state);
      }
      countdown(left);
    }
  }

  function release(form, submitter) {
    released.add(form);
    if (submitter) {
      form.requestSubmit(submitter);
    } else {
      form.requestSubmit();
    }
  }

  function waitForSignIn() {
    if (waiting) {
      return;
    }
    waiting = true;
    var timer = window.setInterval(function () {
      status().then(function (answer) {
        if (!answer) {
          return;
        }
        window.clearInterval(timer);
        waiting = false;
        if (String(answer.user) !== dialog.dataset.user) {
          part("[data-waiting]").hidden = true;
          part("[data-other-user]").hidden = false;
          return;
        }
        renewed(answer);
        ended = false;
        hide();
        if (pending) {
          var sent = pending;
          pending = null;
          release(sent.form, sent.submitter);
        }
      });
    }, 2000);
  }

  document.addEventListener("input", function () {
    lastTyped = Date.now();
  }, true);

  // Before a form is sent, the server says whether the session is still open: it may have
  // ended while this page was asleep (a laptop closed, timers paused) or from another tab.
  // If it ended, the form is held, as typed, until the person has signed in again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (released.has(form)) {
      released.delete(form);
      return;
    }
    if (form.method.toLowerCase() !== "post") {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    var submitter = event.submitter || null;
    status().then(function (answer) {
      if (answer === null) {
        pending = { form: form, submitter: submitter };
        end();
        return;
      }
      if (answer) {
        renewed(answer);
      }
      release(form, submitter);
    });
  }, true);

  part("[data-stay]").addEventListener("click", ask);
  part("[data-close]").addEventListener("click", function () {
    dialog.dataset.dismissed = dialog.dataset.shown;
    hide();
  });
  part("[data-sign-in]").addEventListener("click", function () {
    var opened = window.open(dialog.dataset.signInUrl, "homeward-sign-in", "popup,width=520,height=760");
    part("[data-blocked]").hidden = Boolean(opened);
    part("[data-waiting]").hidden = !opened;
    part("[data-other-user]").hidden = true;
    if (opened) {
      waitForSignIn();
    }
  });
  dialog.addEventListener("cancel", function (event) {
    if (ended) {
      event.preventDefault(); // Escape does not hide that the session ended
    } else {
      dialog.dataset.dismissed = dialog.dataset.shown;
    }
  });
  window.setInterval(tick, 1000);
})();
