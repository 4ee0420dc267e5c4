// Our own controls for a story's recordings (stories/blocks/recording_block.html). Without
// JavaScript the browser's native controls stay; with it, each [data-player] gets buttons and a
// slider the keyboard reaches in order (Tab, Space/Enter, arrows on the slider), labelled in
// the page's language (data-label-* attributes), and audio captions shown as text under the
// player (browsers show text tracks for video only). No inline script or style: CSP-clean.
(function () {
  "use strict";

  function clock(seconds) {
    var total = Math.max(0, Math.round(seconds || 0));
    var minutes = Math.floor(total / 60);
    var rest = total % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function button(label, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "player-button";
    element.setAttribute("data-action", action);
    element.textContent = label;
    return element;
  }

  function start(figure) {
    var media = figure.querySelector("audio, video");
    if (!media) {
      return;
    }
    var labels = figure.dataset;
    var isVideo = media.tagName === "VIDEO";
    var captionsBox = figure.querySelector("[data-captions]");
    var controls = document.createElement("div");
    controls.className = "player-controls";
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", labels.labelPlayer || "Player");

    var play = button(labels.labelPlay || "Play", "play");
    var seek = document.createElement("input");
    seek.type = "range";
    seek.min = "0";
    seek.step = "1";
    seek.value = "0";
    seek.className = "player-seek";
    seek.setAttribute("aria-label", labels.labelSeek || "Position");
    var time = document.createElement("span");
    time.className = "player-time";
    var mute = button(labels.labelMute || "Mute", "mute");
    mute.setAttribute("aria-pressed", "false");
    controls.append(play, seek, time, mute);

    var track = media.textTracks && media.textTracks.length ? media.textTracks[0] : null;
    for (var i = 0; media.textTracks && i < media.textTracks.length; i++) {
      var candidate = media.textTracks[i];
      if (candidate.language === document.documentElement.lang) {
        track = candidate;
      }
    }
    var captions = null;
    var captionsOn = !!track;
    if (track) {
      captions = button(labels.labelCaptions || "Captions", "captions");
      captions.setAttribute("aria-pressed", "true");
      controls.append(captions);
    }

    function showCaptions() {
      for (var j = 0; media.textTracks && j < media.textTracks.length; j++) {
        var other = media.textTracks[j];
        other.mode = other === track && captionsOn ? (isVideo ? "showing" : "hidden") : "disabled";
      }
      if (captionsBox) {
        captionsBox.hidden = isVideo || !captionsOn;
        if (!captionsOn) {
          captionsBox.textContent = "";
        }
      }
    }

    function cueText() {
      if (!track || !captionsOn || isVideo || !captionsBox) {
        return;
      }
      var cues = track.activeCues;
      var lines = [];
      for (var k = 0; cues && k < cues.length; k++) {
        lines.push(cues[k].text);
      }
      captionsBox.textContent = lines.join("\n");
    }

    function update() {
      var duration = isFinite(media.duration) ? media.duration : 0;
      seek.max = String(Math.round(duration));
      seek.value = String(Math.round(media.currentTime));
      seek.setAttribute("aria-valuetext", clock(media.currentTime) + " / " + clock(duration));
      time.textContent = clock(media.currentTime) + " / " + clock(duration);
      play.textContent = media.paused ? labels.labelPlay || "Play" : labels.labelPause || "Pause";
      mute.textContent = media.muted ? labels.labelUnmute || "Unmute" : labels.labelMute || "Mute";
      mute.setAttribute("aria-pressed", media.muted ? "true" : "false");
    }

    play.addEventListener("click", function () {
      if (media.paused) {
        media.play();
      } else {
        media.pause();
      }
    });
    seek.addEventListener("input", function () {
      media.currentTime = Number(seek.value);
    });
    mute.addEventListener("click", function () {
      media.muted = !media.muted;
    });
    if (captions) {
      captions.addEventListener("click", function () {
        captionsOn = !captionsOn;
        captions.setAttribute("aria-pressed", captionsOn ? "true" : "false");
        showCaptions();
        cueText();
      });
      track.addEventListener("cuechange", cueText);
    }
    ["play", "pause", "timeupdate", "loadedmetadata", "durationchange", "volumechange"].forEach(
      function (name) {
        media.addEventListener(name, update);
      }
    );

    media.removeAttribute("controls");
    media.insertAdjacentElement("afterend", controls);
    figure.classList.add("has-player");
    showCaptions();
    update();
  }

  document.querySelectorAll("[data-player]").forEach(start);
})();
