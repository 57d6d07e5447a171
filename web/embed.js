/*
 * QL Security scoping assistant: the website widget.
 *
 * Paste into any page of the site:
 *   <div id="scopingbot"></div>
 *   <script src="https://CHAT-SERVER/embed.js" data-target="#scopingbot" defer></script>
 *
 * It loads Web Chat from the chat server (no CDN), gets a Direct Line token
 * from the chat server, and keeps {conversationId, token, watermark} in
 * localStorage so a reload, or another page of the site, resumes the same
 * conversation with its history until the token expires or "Start over".
 *
 * Analytics: window CustomEvents, no personal data in them:
 *   scopingbot:recommendation  detail { pathway, tier }
 *   scopingbot:booked          detail { pathway, tier }
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) return;
  var chatOrigin = new URL(script.src, window.location.href).origin;
  var STORAGE_KEY = 'scopingbot.conversation.v1';
  var RESUME_MARGIN_MS = 60 * 1000;

  var brand = {
    accent: '#0F766E',
    primaryFont: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
    backgroundColor: '#FFFFFF',
    botAvatarImage: chatOrigin + '/avatar.svg',
    botAvatarInitials: 'QL',
    botAvatarBackgroundColor: '#14213D',
    userAvatarInitials: 'You',
    userAvatarBackgroundColor: '#E2E8F0',
    avatarSize: 36,
    bubbleBackground: '#F1F5F9',
    bubbleBorderRadius: 12,
    bubbleTextColor: '#0F172A',
    bubbleFromUserBackground: '#0F766E',
    bubbleFromUserTextColor: '#FFFFFF',
    bubbleFromUserBorderRadius: 12,
    suggestedActionBackgroundColor: '#FFFFFF',
    suggestedActionBorderColor: '#0F766E',
    suggestedActionBorderRadius: 18,
    suggestedActionTextColor: '#0F766E',
    sendBoxButtonColor: '#0F766E',
    sendBoxPlaceholderColor: '#475569',
    subtle: '#475569',
    hideUploadButton: true,
    rootHeight: '100%',
    rootWidth: '100%'
  };

  // ---- storage: one conversation per visitor, shared by the site's pages ----
  function readSaved() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.expiresAt > Date.now() + RESUME_MARGIN_MS ? saved : null;
    } catch (e) {
      return null;
    }
  }
  function save(state) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (e) {
      /* private mode: the conversation simply won't survive a reload */
    }
  }
  function forget() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      /* nothing kept */
    }
  }

  function postToken(url, bearer) {
    var headers = bearer ? { Authorization: 'Bearer ' + bearer } : {};
    return fetch(url, { method: 'POST', headers: headers, mode: 'cors' }).then(function (res) {
      if (!res.ok) throw new Error('token request answered ' + res.status);
      return res.json();
    });
  }

  /** A resumed conversation (token refreshed), else a new one. */
  function connect() {
    var saved = readSaved();
    if (saved) {
      return postToken(saved.domain + '/tokens/refresh', saved.token).then(
        function (refreshed) {
          saved.token = refreshed.token;
          saved.expiresAt = Date.now() + refreshed.expires_in * 1000;
          saved.resumed = true;
          return saved;
        },
        function () {
          forget();
          return fresh();
        }
      );
    }
    return fresh();
  }
  function fresh() {
    return postToken(chatOrigin + '/api/directline/token').then(function (issued) {
      return {
        domain: issued.domain || chatOrigin + '/v3/directline',
        conversationId: issued.conversationId,
        token: issued.token,
        expiresAt: Date.now() + issued.expires_in * 1000,
        watermark: '',
        recommendation: null,
        reported: [],
        resumed: false
      };
    });
  }

  // ---- analytics: DOM events from the activities the bot sends ----
  function report(state, activity) {
    if (!activity || !activity.from || activity.from.role !== 'bot' || !activity.value) return;
    var value = activity.value;
    if (value.recommendation) {
      state.recommendation = { pathway: value.recommendation.pathway, tier: value.recommendation.tier };
      once(state, activity, 'scopingbot:recommendation');
    } else if (value.booking && value.booking.status !== 'cancelled') {
      once(state, activity, 'scopingbot:booked');
    }
  }
  function once(state, activity, name) {
    // A resumed conversation replays its history: each activity is reported once only.
    var key = name + ':' + activity.id;
    if (state.reported.indexOf(key) !== -1) return;
    state.reported = state.reported.concat(key).slice(-20);
    var recommendation = state.recommendation || {};
    var detail = { pathway: recommendation.pathway || null, tier: recommendation.tier || null };
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  // ---- the frame and Web Chat ----
  function frame(target) {
    target.innerHTML = '';
    target.classList.add('scopingbot-host');
    var section = document.createElement('section');
    section.className = 'scopingbot';
    section.setAttribute('aria-labelledby', 'scopingbot-title');
    section.innerHTML =
      '<div class="scopingbot__header">' +
      '<img src="' + chatOrigin + '/avatar.svg" alt="">' +
      '<div class="scopingbot__heading"><h2 class="scopingbot__title" id="scopingbot-title">Scoping assistant</h2>' +
      '<p class="scopingbot__subtitle">QL Security &middot; about five minutes, no obligation</p></div>' +
      '<button type="button" class="scopingbot__restart">New chat</button>' +
      '</div>' +
      '<p class="scopingbot__status" role="status">Connecting to the scoping assistant&hellip;</p>' +
      '<div class="scopingbot__chat"></div>';
    target.appendChild(section);
    return {
      chat: section.querySelector('.scopingbot__chat'),
      status: section.querySelector('.scopingbot__status'),
      restart: section.querySelector('.scopingbot__restart')
    };
  }

  var current = null;

  function start(target) {
    var parts = frame(target);
    parts.restart.addEventListener('click', function () {
      if (current) current.end();
      forget();
      start(target);
      var box = target.querySelector('input[type="text"], textarea');
      if (box) box.focus();
    });

    connect().then(
      function (state) {
        save(state);
        // A resumed conversation is opened without a watermark on purpose: the
        // server then replays its history, which is what the visitor expects.
        var options = { domain: state.domain, token: state.token, webSocket: true };
        if (state.resumed) options.conversationId = state.conversationId;
        var directLine = window.WebChat.createDirectLine(options);
        var store = window.WebChat.createStore({}, function () {
          return function (next) {
            return function (action) {
              if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
                report(state, action.payload.activity);
                state.token = directLine.token || state.token;
                state.watermark = directLine.watermark || state.watermark;
                save(state);
              }
              return next(action);
            };
          };
        });
        current = directLine;
        parts.status.hidden = true;
        window.WebChat.renderWebChat({ directLine: directLine, store: store, styleOptions: brand, locale: 'en-GB' }, parts.chat);
      },
      function () {
        parts.status.textContent = 'The scoping assistant is unavailable just now. Please try again shortly, or email hello@qlsecurity.example.';
      }
    );
  }

  function boot() {
    var target = document.querySelector(script.getAttribute('data-target') || '#scopingbot');
    if (!target) return;
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = chatOrigin + '/embed.css';
    document.head.appendChild(css);
    if (window.WebChat) return start(target);
    var bundle = document.createElement('script');
    bundle.src = chatOrigin + '/webchat/webchat.js';
    bundle.onload = function () {
      start(target);
    };
    document.head.appendChild(bundle);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
