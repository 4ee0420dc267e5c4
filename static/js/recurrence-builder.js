// Program sessions in the admin (culture/widgets.py): the recurrence builder and the exception
// dates. The builder shows the controls its frequency needs and, whenever something in the
// session changes, posts the session's fields to the admin's session-dates view
// (culture/admin_views.py). The server answers with the rule the controls make and the next
// dates, read by culture/recurrence.py like the public calendar and the feeds: this script puts
// no rule together and reads none, so the three cannot disagree.
// Both are Stimulus controllers of Wagtail's own application, so they also connect to the
// session forms the inline panel adds later. No inline script, nothing loaded from elsewhere.
(function () {
  "use strict";
  var CUSTOM = "custom";
  var MONTH_DAY = "day";
  var WAIT_MS = 300; // after the last keystroke or click, one question to the server

  function dateFormat(zone) {
    try {
      var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        dateStyle: "full", timeStyle: "short", timeZone: zone
      });
      return function (iso) { return format.format(new Date(iso)); };
    } catch (error) { // a zone this browser does not know: the local time as the server wrote it
      return function (iso) { return iso.slice(0, 16).replace("T", " "); };
    }
  }

  class RecurrenceBuilder extends window.StimulusModule.Controller {
    static targets = ["freq", "monthly", "ends", "rule", "repeating", "unit", "weeklyRow",
      "monthlyRow", "monthday", "weekday", "count", "until", "cannotShow", "advanced", "zone",
      "dates", "status"];
    static values = { url: String, prefix: String, none: String, more: String, failed: String };

    connect() {
      // The session's own fields (start, time zone, exception dates) change the dates too.
      this.session = this.element.closest("[data-inline-panel-child]") || this.element.closest("form");
      this.changed = this.changed.bind(this);
      this.session.addEventListener("input", this.changed);
      this.session.addEventListener("change", this.changed);
      this.show();
      this.refresh();
    }

    disconnect() {
      this.session.removeEventListener("input", this.changed);
      this.session.removeEventListener("change", this.changed);
      clearTimeout(this.timer);
      if (this.request) { this.request.abort(); }
    }

    // Editing the text hands the rule over to it: the controls no longer say what it means.
    ruleTyped() {
      this.freqTarget.value = CUSTOM;
    }

    changed() {
      this.show();
      clearTimeout(this.timer);
      this.timer = setTimeout(this.refresh.bind(this), WAIT_MS);
    }

    show() {
      var freq = this.freqTarget.value;
      var repeats = freq !== "" && freq !== CUSTOM;
      this.repeatingTargets.forEach(function (part) { part.hidden = !repeats; });
      this.unitTargets.forEach(function (unit) { unit.hidden = unit.dataset.freq !== freq; });
      this.weeklyRowTarget.hidden = freq !== "WEEKLY";
      this.monthlyRowTarget.hidden = freq !== "MONTHLY";
      this.monthdayTarget.hidden = this.monthlyTarget.value !== MONTH_DAY;
      this.weekdayTarget.hidden = this.monthlyTarget.value === MONTH_DAY;
      this.countTarget.hidden = this.endsTarget.value !== "count";
      this.untilTarget.hidden = this.endsTarget.value !== "until";
      this.cannotShowTarget.hidden = freq !== CUSTOM;
      if (freq === CUSTOM) { this.advancedTarget.open = true; }
    }

    refresh() {
      var form = this.element.closest("form");
      var prefix = this.prefixValue;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.name.indexOf(prefix) !== 0 || field.disabled) { return; }
        if ((field.type === "checkbox" || field.type === "radio") && !field.checked) { return; }
        body.append(field.name.slice(prefix.length), field.value);
      });
      if (this.request) { this.request.abort(); }
      this.request = new AbortController();
      var self = this;
      fetch(this.urlValue, {
        method: "POST", body: body, signal: this.request.signal, credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" }
      })
        .then(function (response) {
          return response.json().then(function (answer) { self.render(response.ok, answer); });
        })
        .catch(function (error) {
          if (error.name !== "AbortError") { self.render(false, { message: self.failedValue }); }
        });
    }

    render(ok, answer) {
      this.datesTarget.replaceChildren();
      this.zoneTarget.textContent = "";
      if (!ok) {
        var messages = (answer.detail || []).map(function (problem) { return problem.message; });
        this.statusTarget.textContent = messages.join(" ") || answer.message;
        return;
      }
      if (this.freqTarget.value !== CUSTOM) { this.ruleTarget.value = answer.rule; }
      this.zoneTarget.textContent = "(" + answer.timezone + ")";
      var format = dateFormat(answer.timezone);
      answer.dates.forEach(function (iso) {
        var item = document.createElement("li");
        var time = document.createElement("time");
        time.dateTime = iso;
        time.textContent = format(iso);
        item.append(time);
        this.datesTarget.append(item);
      }, this);
      this.statusTarget.textContent = !answer.dates.length ? this.noneValue
        : answer.more ? this.moreValue : "";
    }
  }

  class ExceptionDates extends window.StimulusModule.Controller {
    static targets = ["list", "row"];

    add() {
      var row = this.rowTarget.content.firstElementChild.cloneNode(true);
      this.listTarget.append(row);
      row.querySelector("input").focus();
    }

    remove(event) {
      event.target.closest("li").remove();
      // No input event tells the builder's list of dates that a date went away: this does.
      this.listTarget.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  window.wagtail.app.register("recurrence-builder", RecurrenceBuilder);
  window.wagtail.app.register("exception-dates", ExceptionDates);
}());
