/*
 * QL Security scoping assistant: the website widget.
 *
 * Paste into any page of the site:
 *   <div id="scopingbot"></div>
 *   <script src="https://CHAT-SERVER/embed.js" data-target="#scopingbot" defer></script>
 *
 * On page load it draws only a launcher (a few kilobytes). Web Chat's bundle
 * (served pre-compressed by the chat server, under a content-hashed name) is
 * fetched, not run, once the page has loaded and the launcher is on screen, and
 * run when the visitor opens the chat, with the Direct Line token requested side
 * by side. On a phone
 * the chat opens full-screen; on wider screens it opens in place.
 *
 * {conversationId, token, watermark} are kept in localStorage, so a reload or
 * another page of the site resumes the same conversation with its history
 * until the token expires or "New chat"; on a wide screen a conversation the
 * visitor had open is reopened by itself.
 *
 * Analytics: window CustomEvents, no personal data in them:
 *   scopingbot:recommendation  detail { pathway, tier }   once per recommendation
 *   scopingbot:booked          detail { pathway, tier }   once per booking, again after a reschedule
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) return;
  var chatOrigin = new URL(script.src, window.location.href).origin;
  // The server names the current, content-hashed bundle here when it serves this file.
  var BUNDLE_URL = chatOrigin + '/webchat/webchat.js';
  var STORAGE_KEY = 'scopingbot.conversation.v1';
  var RESUME_MARGIN_MS = 60 * 1000;
  var PHONE = '(max-width: 40rem)';

  var brand = {
    accent: '#0F766E',
    primaryFont: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
    backgroundColor: '#FFFFFF',
    botAvatarImage: chatOrigin + '/avatar.svg',
    botAvatarInitials: 'QL',
    botAvatarBackgroundColor: '#14213D',
    // No avatar for the visitor: their own bubbles need no label, and it frees the width a phone lacks.
    userAvatarInitials: '',
    avatarSize: 32,
    bubbleBackground: '#F1F5F9',
    bubbleBorderRadius: 12,
    bubbleTextColor: '#0F172A',
    bubbleFromUserBackground: '#0F766E',
    bubbleFromUserTextColor: '#FFFFFF',
    bubbleFromUserBorderRadius: 12,
    // Bubbles never ask for more width than the widget has (Web Chat's default minimum is 250 px).
    bubbleMinWidth: 0,
    bubbleMaxWidth: 640,
    bubbleFromUserMaxWidth: 480,
    suggestedActionBackgroundColor: '#FFFFFF',
    suggestedActionBorderColor: '#0F766E',
    suggestedActionBorderRadius: 18,
    suggestedActionTextColor: '#0F766E',
    // Quick replies wrap onto as many rows as they need, inside the widget.
    suggestedActionLayout: 'flow',
    sendBoxButtonColor: '#0F766E',
    sendBoxPlaceholderColor: '#475569',
    subtle: '#475569',
    hideUploadButton: true,
    // A long reply (the recommendation) stops scrolling when its start reaches the top of the transcript.
    autoScrollSnapOnPage: true,
    autoScrollSnapOnPageOffset: 8,
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
          saved.reported = saved.reported || [];
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
      mark('scopingbot:token');
      return {
        domain: issued.domain || chatOrigin + '/v3/directline',
        conversationId: issued.conversationId,
        token: issued.token,
        expiresAt: Date.now() + issued.expires_in * 1000,
        watermark: '',
        recommendation: null,
        reported: [],
        resumed: false,
        open: true
      };
    });
  }

  // ---- Web Chat's bundle: fetched once, when the visitor comes for the chat ----
  var bundle = null;
  function loadBundle() {
    if (window.WebChat) return Promise.resolve();
    if (bundle) return bundle;
    bundle = new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = BUNDLE_URL;
      tag.async = true;
      tag.onload = function () {
        mark('scopingbot:bundle-run');
        resolve();
      };
      tag.onerror = function () {
        bundle = null;
        reject(new Error('Web Chat could not be loaded'));
      };
      document.head.appendChild(tag);
    });
    return bundle;
  }

  /**
   * Once the launcher is on screen and the page has loaded, fetch the bundle into
   * the browser's cache without running it (no long task): opening then only has
   * to run it. Not when the visitor asked the browser to save data.
   */
  function prefetchWhenSeen(element) {
    var saveData = navigator.connection && navigator.connection.saveData;
    if (saveData || !('IntersectionObserver' in window) || window.WebChat) return;
    var watch = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      watch.disconnect();
      var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); };
      var go = function () {
        idle(function () {
          if (bundle || window.WebChat) return;
          var link = document.createElement('link');
          link.rel = 'prefetch';
          link.as = 'script';
          link.href = BUNDLE_URL;
          document.head.appendChild(link);
        });
      };
      if (document.readyState === 'complete') go();
      else window.addEventListener('load', go);
    });
    watch.observe(element);
  }

  // ---- analytics: DOM events from the activities the bot sends ----
  function report(state, activity) {
    if (!activity || !activity.from || activity.from.role !== 'bot' || !activity.value) return;
    var value = activity.value;
    if (value.recommendation) {
      state.recommendation = { pathway: value.recommendation.pathway, tier: value.recommendation.tier };
      once(state, 'scopingbot:recommendation', 'recommendation:' + activity.id);
    } else if (value.booking && value.booking.status === 'confirmed' && value.booking.id) {
      // Once per booking and time: a reminder of the same booking is not a new one; a reschedule (new time) is.
      once(state, 'scopingbot:booked', 'booked:' + value.booking.id + '@' + value.booking.start);
    }
  }
  function once(state, name, key) {
    // A resumed conversation replays its history: each is reported once only.
    if (state.reported.indexOf(key) !== -1) return;
    state.reported = state.reported.concat(key).slice(-50);
    save(state);
    var recommendation = state.recommendation || {};
    var detail = { pathway: recommendation.pathway || null, tier: recommendation.tier || null };
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  // ---- the launcher, and the frame around Web Chat ----
  var ids = 0;
  function launcher(target, resuming) {
    var id = 'scopingbot-launcher-title-' + ++ids;
    var box = document.createElement('div');
    box.className = 'scopingbot-launcher';
    box.innerHTML =
      '<img src="' + chatOrigin + '/avatar.svg" alt="" width="40" height="40">' +
      '<div class="scopingbot-launcher__text"><h2 class="scopingbot-launcher__title" id="' + id + '">Scoping assistant</h2>' +
      '<p class="scopingbot-launcher__subtitle">QL Security &middot; about five minutes, no obligation</p></div>' +
      '<button type="button" class="scopingbot-launcher__open" aria-describedby="' + id + '">' +
      (resuming ? 'Continue the chat' : 'Start the scoping chat') +
      '</button>';
    target.appendChild(box);
    // On a phone the page's launcher may be far down: a button in the corner opens the chat from anywhere.
    var corner = document.createElement('button');
    corner.type = 'button';
    corner.className = 'scopingbot-corner';
    corner.innerHTML = '<img src="' + chatOrigin + '/avatar.svg" alt="" width="28" height="28"><span>Chat with us</span>';
    target.appendChild(corner);
    return { box: box, button: box.querySelector('button'), corner: corner };
  }

  function frame(target) {
    var section = document.createElement('section');
    section.className = 'scopingbot';
    section.setAttribute('aria-labelledby', 'scopingbot-title');
    section.innerHTML =
      '<div class="scopingbot__header">' +
      '<img src="' + chatOrigin + '/avatar.svg" alt="" width="36" height="36">' +
      '<div class="scopingbot__heading"><h2 class="scopingbot__title" id="scopingbot-title">Scoping assistant</h2>' +
      '<p class="scopingbot__subtitle">QL Security &middot; about five minutes, no obligation</p></div>' +
      '<button type="button" class="scopingbot__restart">New chat</button>' +
      '<button type="button" class="scopingbot__close" aria-label="Close the chat">&times;</button>' +
      '</div>' +
      '<p class="scopingbot__status" role="status">Connecting to the scoping assistant&hellip;</p>' +
      '<div class="scopingbot__chat"></div>';
    target.appendChild(section);
    return {
      section: section,
      chat: section.querySelector('.scopingbot__chat'),
      status: section.querySelector('.scopingbot__status'),
      restart: section.querySelector('.scopingbot__restart'),
      close: section.querySelector('.scopingbot__close')
    };
  }

  function mount(target) {
    target.innerHTML = '';
    target.classList.add('scopingbot-host');
    var saved = readSaved();
    var launch = launcher(target, !!saved);
    var parts = null;
    var directLine = null;
    var phone = window.matchMedia ? window.matchMedia(PHONE) : { matches: false };

    // Reaching the launcher is intent enough to start fetching; opening waits for both.
    function warm() {
      loadBundle().catch(function () {});
    }
    launch.button.addEventListener('pointerenter', warm);
    prefetchWhenSeen(launch.box);
    launch.button.addEventListener('focus', warm);
    launch.button.addEventListener('click', function () {
      open(true);
    });
    launch.corner.addEventListener('pointerenter', warm);
    launch.corner.addEventListener('click', function () {
      open(true);
    });

    function setFullScreen(on) {
      parts.section.classList.toggle('scopingbot--fullscreen', on);
      document.documentElement.classList.toggle('scopingbot-locked', on);
      if (on) {
        parts.section.setAttribute('role', 'dialog');
        parts.section.setAttribute('aria-modal', 'true');
      } else {
        parts.section.removeAttribute('role');
        parts.section.removeAttribute('aria-modal');
      }
    }

    function open(byVisitor) {
      mark('scopingbot:open');
      target.classList.add('scopingbot-host--open');
      launch.box.hidden = true;
      launch.corner.hidden = true;
      if (parts) {
        parts.section.hidden = false;
        setFullScreen(phone.matches);
        focusSendBox();
        return;
      }
      parts = frame(target);
      setFullScreen(phone.matches);
      parts.close.addEventListener('click', close);
      parts.section.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && parts.section.classList.contains('scopingbot--fullscreen')) close();
      });
      parts.restart.addEventListener('click', function () {
        if (directLine) directLine.end();
        forget();
        parts.section.remove();
        parts = null;
        directLine = null;
        open(true);
      });
      start(byVisitor);
    }

    function close() {
      setFullScreen(false);
      parts.section.hidden = true;
      target.classList.remove('scopingbot-host--open');
      launch.button.textContent = 'Continue the chat';
      launch.box.hidden = false;
      launch.corner.hidden = false;
      var saved = readSaved();
      if (saved) {
        saved.open = false;
        save(saved);
      }
      launch.button.focus();
    }

    function focusSendBox() {
      var box = parts && parts.chat.querySelector('input[type="text"], textarea');
      if (box) box.focus();
    }

    function start(byVisitor) {
      var current = parts;
      // The token and the bundle travel side by side.
      Promise.all([connect(), loadBundle()]).then(
        function (results) {
          if (current !== parts) return; // "New chat" was pressed meanwhile
          var state = results[0];
          state.open = true;
          save(state);
          // A resumed conversation is opened without a watermark on purpose: the
          // server then replays its history, which is what the visitor expects.
          var options = { domain: state.domain, token: state.token, webSocket: true };
          if (state.resumed) options.conversationId = state.conversationId;
          directLine = window.WebChat.createDirectLine(options);
          var line = directLine;
          var store = window.WebChat.createStore({}, function () {
            return function (next) {
              return function (action) {
                if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
                  report(state, action.payload.activity);
                  state.token = line.token || state.token;
                  state.watermark = line.watermark || state.watermark;
                  save(state);
                }
                return next(action);
              };
            };
          });
          parts.status.hidden = true;
          mark('scopingbot:render');
          window.WebChat.renderWebChat({ directLine: directLine, store: store, styleOptions: brand, locale: 'en-GB' }, parts.chat);
          if (byVisitor) whenSendBoxAppears(parts.chat, focusSendBox);
        },
        function () {
          parts.status.textContent = 'The scoping assistant is unavailable just now. Please try again shortly, or email hello@qlsecurity.example.';
        }
      );
    }

    // A visitor who had the chat open on a wide screen finds it open on the next page; a phone shows the launcher.
    if (saved && saved.open !== false && !phone.matches) open(false);
  }

  // Marks for the bench (bench/widget.ts) and the browser's own performance panel.
  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  function whenSendBoxAppears(root, then) {
    if (root.querySelector('input[type="text"], textarea')) return then();
    var watch = new MutationObserver(function () {
      if (!root.querySelector('input[type="text"], textarea')) return;
      watch.disconnect();
      then();
    });
    watch.observe(root, { childList: true, subtree: true });
  }

  function boot() {
    var target = document.querySelector(script.getAttribute('data-target') || '#scopingbot');
    if (!target) return;
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = chatOrigin + '/embed.css';
    document.head.appendChild(css);
    mount(target);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
