// The study page's pure logic, with no page around it: the FSRS-6 scheduler, the study day,
// the progress kept in the browser (its checks, the move from the SM-2 format, files) and
// the marking of typed answers. The page includes it before study.js; node loads it for the
// tests (tests/study_core.js), which prove the scheduler identical to py-fsrs and the
// normaliser identical to quizgen.answers.normalise.
var quizgenCore = (function () {
  "use strict";
  var DAY = 864e5, MINUTE = 6e4;

  // --- FSRS-6 --------------------------------------------------------------------------
  // Written from the published formulas (J. Ye, "The Algorithm", open-spaced-repetition
  // wiki, FSRS-6), with the 21 default weights FSRS-6 was published with. Every expression
  // keeps the order of operations of py-fsrs 6 and Python's round-half-even, so that the same
  // reviews give the same numbers to the last bit (tests/test_study_fsrs.py).
  var WEIGHTS = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
    0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
  var S_MIN = 0.001, D_MIN = 1, D_MAX = 10, MAX_INTERVAL = 36500;
  var LEARNING = 1, REVIEW = 2, RELEARNING = 3;
  var AGAIN = 1, HARD = 2, GOOD = 3, EASY = 4;
  // FSRS leaves same-day steps to the application. These are Anki's and py-fsrs's defaults:
  // a new card comes back after 1 and 10 minutes, a forgotten one after 10 minutes.
  var LEARNING_STEPS = [MINUTE, 10 * MINUTE], RELEARNING_STEPS = [10 * MINUTE];

  function scheduler(retention) {
    var decay = -WEIGHTS[20];
    return { w: WEIGHTS, retention: retention, decay: decay,
      factor: Math.pow(0.9, 1 / decay) - 1, learning: LEARNING_STEPS,
      relearning: RELEARNING_STEPS, maxInterval: MAX_INTERVAL };
  }

  function e(x) { return Math.pow(Math.E, x); }
  function clampD(d) { return Math.min(Math.max(d, D_MIN), D_MAX); }
  function clampS(s) { return Math.max(s, S_MIN); }
  // Python's round(): a half goes to the even neighbour.
  function roundHalfEven(x) {
    var r = Math.round(x);
    return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  function retrievability(sch, elapsedDays, stability) {
    return Math.pow(1 + sch.factor * Math.max(0, elapsedDays) / stability, sch.decay);
  }
  function initialDifficulty(sch, rating) {
    return sch.w[4] - e(sch.w[5] * (rating - 1)) + 1;
  }
  // D' = w7·D0(4) + (1 − w7)·(D + ΔD·(10 − D)/9), ΔD = −w6·(G − 3): linear damping, then
  // mean reversion towards the difficulty of a first "easy".
  function nextDifficulty(sch, d, rating) {
    var w = sch.w;
    var damped = d + (10 - d) * -(w[6] * (rating - 3)) / 9;
    return clampD(w[7] * initialDifficulty(sch, EASY) + (1 - w[7]) * damped);
  }
  function shortTermStability(sch, s, rating) {
    var w = sch.w;
    var increase = e(w[17] * (rating - 3 + w[18])) * Math.pow(s, -w[19]);
    if (rating > AGAIN) increase = Math.max(increase, 1);
    return clampS(s * increase);
  }
  function recallStability(sch, d, s, r, rating) {
    var w = sch.w;
    var hard = rating === HARD ? w[15] : 1, easy = rating === EASY ? w[16] : 1;
    return s * (1 + e(w[8]) * (11 - d) * Math.pow(s, -w[9]) * (e((1 - r) * w[10]) - 1) * hard * easy);
  }
  function forgetStability(sch, d, s, r) {
    var w = sch.w;
    var longTerm = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * e((1 - r) * w[14]);
    return Math.min(longTerm, s / e(w[17] * w[18]));
  }
  function intervalDays(sch, stability) {
    var days = roundHalfEven(stability / sch.factor * (Math.pow(sch.retention, 1 / sch.decay) - 1));
    return Math.min(Math.max(days, 1), sch.maxInterval);
  }

  function newCard(now) {
    return { state: LEARNING, step: 0, stability: null, difficulty: null, due: now, last: null };
  }

  // The card after a review graded `rating` (1 again … 4 easy) at `now` (ms); `card` null is a
  // new card. Days between reviews are whole periods of 24 hours, as py-fsrs counts them; the
  // page makes them whole study days by the time it passes (reviewTime).
  function review(sch, card, rating, now) {
    var old = card || newCard(now);
    var next = { state: old.state, step: old.step, stability: old.stability,
      difficulty: old.difficulty, due: now, last: now };
    var elapsed = old.last === null ? null : Math.floor((now - old.last) / DAY);
    if (old.stability === null || old.difficulty === null) {
      next.stability = clampS(sch.w[rating - 1]);
      next.difficulty = clampD(initialDifficulty(sch, rating));
    } else {
      if (elapsed !== null && elapsed < 1) {
        next.stability = shortTermStability(sch, old.stability, rating);
      } else {
        var r = retrievability(sch, elapsed, old.stability);
        next.stability = clampS(rating === AGAIN ? forgetStability(sch, old.difficulty, old.stability, r)
          : recallStability(sch, old.difficulty, old.stability, r, rating));
      }
      next.difficulty = nextDifficulty(sch, old.difficulty, rating);
    }
    var wait = old.state === REVIEW ? reviewWait(sch, next, rating)
      : stepWait(sch, next, rating, old.state === LEARNING ? sch.learning : sch.relearning);
    next.due = now + wait;
    return next;
  }

  function graduate(sch, card) {
    card.state = REVIEW;
    card.step = null;
    return intervalDays(sch, card.stability) * DAY;
  }
  function reviewWait(sch, card, rating) {
    if (rating !== AGAIN || !sch.relearning.length) return graduate(sch, card);
    card.state = RELEARNING;
    card.step = 0;
    return sch.relearning[0];
  }
  // A card in (re)learning walks its steps: again starts them over, hard repeats the step
  // (the first one: halfway to the second, or half as long again if it is the only one),
  // good takes the next, and past the last step the card is reviewed in days.
  function stepWait(sch, card, rating, steps) {
    if (!steps.length || (card.step >= steps.length && rating !== AGAIN)) return graduate(sch, card);
    if (rating === AGAIN) {
      card.step = 0;
      return steps[0];
    }
    if (rating === HARD) {
      if (card.step > 0) return steps[card.step];
      return steps.length === 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2;
    }
    if (rating === EASY || card.step + 1 === steps.length) return graduate(sch, card);
    card.step += 1;
    return steps[card.step];
  }

  // --- the study day -------------------------------------------------------------------
  // A study day starts at 4 in the morning, local time, as Anki's does: a review after
  // midnight still counts for the evening before. Days are numbered like the SM-2 page's
  // were: days since 1 January 1970 of the local date.
  var DAY_STARTS_AT = 4;
  function dayOf(ms) {
    var at = new Date(ms);
    var day = Math.round(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()) / DAY);
    return at.getHours() < DAY_STARTS_AT ? day - 1 : day;
  }
  function dayStart(day) {
    var date = new Date(day * DAY);
    return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), DAY_STARTS_AT).getTime();
  }
  // The time the scheduler is told a review took place. A card falls due on a study day and
  // may be reviewed at any hour of it; FSRS counts whole 24-hour periods since the last
  // review. So the review counts as made at the hour of the last one, on today's study day,
  // where that is later than now (never past the end of today): FSRS then sees as many days
  // as the calendar does, and a card reviewed in the morning of the day after an afternoon
  // review is one day old, not a same-day repeat.
  function reviewTime(now, last) {
    if (last === null || last === undefined) return now;
    var today = dayOf(now);
    var sameHour = last + (today - dayOf(last)) * DAY;
    return Math.max(last, Math.min(Math.max(now, sameHour), dayStart(today + 1) - 1));
  }

  // --- progress ------------------------------------------------------------------------
  // What the page keeps under its pack's id, and writes to a file to move it:
  //   {v: 2, pack, day, fresh, limit, retention, cards: {question id: record}}
  // A record is a card's FSRS state with its review log ([rating, scheduler's time, clock
  // time] per review) and, where its history began before the log, the state it began from.
  var VERSION = 2, FILE_FORMAT = "quizgen-study-progress";
  var RETENTION = { low: 0.7, high: 0.99, start: 0.9 };

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function isCount(value) { return Number.isInteger(value) && value >= 0; }
  function isTime(value) { return typeof value === "number" && isFinite(value); }
  function isRetention(value) {
    return typeof value === "number" && value >= RETENTION.low && value <= RETENTION.high;
  }
  function isState(card) {
    return isRecord(card) && (card.state === REVIEW ? card.step === null
      : (card.state === LEARNING || card.state === RELEARNING) && isCount(card.step)) &&
      isTime(card.stability) && card.stability >= S_MIN && isTime(card.difficulty) &&
      card.difficulty >= D_MIN && card.difficulty <= D_MAX && isTime(card.due) && isTime(card.last);
  }
  function isLogEntry(entry) {
    return Array.isArray(entry) && entry.length === 3 && Number.isInteger(entry[0]) &&
      entry[0] >= AGAIN && entry[0] <= EASY && isTime(entry[1]) && isTime(entry[2]);
  }
  function isCardRecord(card) {
    return isState(card) && Array.isArray(card.log) && card.log.every(isLogEntry) &&
      (card.from === undefined || isState(card.from));
  }
  function emptyProgress(pack, today, limit) {
    return { v: VERSION, pack: pack, day: today, fresh: 0, limit: limit,
      retention: RETENTION.start, cards: {} };
  }
  function stateOf(card) {
    return { state: card.state, step: card.step, stability: card.stability,
      difficulty: card.difficulty, due: card.due, last: card.last };
  }

  // The card states again from the log, from where its history began: what the page's
  // schedule is, reviewed anew under `sch` (py-fsrs's reschedule_card does the same).
  function replay(sch, card) {
    var state = card.from ? stateOf(card.from) : null;
    card.log.forEach(function (entry) { state = review(sch, state, entry[0], entry[1]); });
    return state;
  }

  // An SM-2 card of the earlier page ({ef, n, iv, due, last}, days) as an FSRS card in
  // review, due on the same day. SM-2 aims at recalling 90% of cards when they fall due;
  // at that retention FSRS's stability is the interval itself, and the difficulty is the
  // one under which a "good" on time multiplies the interval by the card's E-Factor (Anki
  // converts SM-2 cards without a review history the same way).
  function fromSm2(sm2) {
    var w = WEIGHTS, stability = Math.max(sm2.iv, S_MIN);
    var perEase = e(w[8]) * Math.pow(stability, -w[9]) * (e(0.1 * w[10]) - 1);
    return { state: REVIEW, step: null, stability: stability,
      difficulty: clampD(11 - (sm2.ef - 1) / perEase), due: dayStart(sm2.due),
      last: dayStart(sm2.last) };
  }
  function isSm2Card(state) {
    return isRecord(state) && typeof state.ef === "number" && isFinite(state.ef) &&
      state.ef >= 1.3 && isCount(state.n) && isCount(state.iv) && state.iv >= 1 &&
      isCount(state.due) && isCount(state.last);
  }

  // What the browser kept, checked part by part: a damaged part starts again and the rest
  // is kept (`damaged` says so, for a message); a missing part takes its default quietly.
  // The SM-2 page's progress (version 1, or none) moves to FSRS: every card keeps its due
  // day, and a card the learner was repeating today stays to be relearnt today. Progress of
  // a newer page is not read (`newer`): this page must not write over it.
  function readProgress(stored, pack, today, limit) {
    var progress = emptyProgress(pack, today, limit);
    var result = { progress: progress, damaged: false, migrated: 0, newer: false };
    if (!isRecord(stored)) {
      result.damaged = true;
      return result;
    }
    if (Number.isInteger(stored.v) && stored.v > VERSION) {
      result.newer = true;
      return result;
    }
    function part(key, valid) {
      if (!(key in stored)) return false;
      if (valid(stored[key])) return true;
      result.damaged = true;
      return false;
    }
    var sm2 = !("v" in stored) || stored.v === 1;
    if (part("limit", isCount)) progress.limit = stored.limit;
    if (!sm2 && part("retention", isRetention)) progress.retention = stored.retention;
    var drill = [];
    if (part("day", isCount)) {
      progress.day = stored.day;
      if (part("fresh", isCount)) progress.fresh = stored.fresh;
      if (sm2 && part("drill", Array.isArray)) drill = stored.drill;
    }
    if (part("cards", isRecord)) {
      Object.keys(stored.cards).forEach(function (id) {
        var card = stored.cards[id];
        if (id === "__proto__") {
          result.damaged = true;
        } else if (!sm2 && isCardRecord(card)) {
          progress.cards[id] = card;
        } else if (sm2 && isSm2Card(card)) {
          var state = fromSm2(card);
          if (progress.day === today && card.last === today && drill.indexOf(id) >= 0) {
            state = { state: RELEARNING, step: 0, stability: state.stability,
              difficulty: state.difficulty, due: state.last, last: state.last };
          }
          progress.cards[id] = Object.assign(stateOf(state), { log: [], from: stateOf(state) });
          result.migrated += 1;
        } else {
          result.damaged = true;
        }
      });
    }
    return result;
  }

  function progressFile(progress, savedAt) {
    return Object.assign({ format: FILE_FORMAT, saved: new Date(savedAt).toISOString() }, progress);
  }

  // A file the learner chose, read as progress of `pack`: {progress, skipped} or {error,
  // …values for its message}.
  function readProgressFile(text, pack, today, limit) {
    var file;
    try {
      file = JSON.parse(text);
    } catch (error) {
      file = null;
    }
    if (!isRecord(file) || file.format !== FILE_FORMAT || !Number.isInteger(file.v)) {
      return { error: "not-progress" };
    }
    if (file.v > VERSION) return { error: "newer", version: file.v, supported: VERSION };
    if (file.pack !== pack) return { error: "other-pack", pack: String(file.pack), own: pack };
    var read = readProgress(file, pack, today, limit);
    var skipped = isRecord(file.cards) ? Object.keys(file.cards).length - Object.keys(read.progress.cards).length : 0;
    return { progress: read.progress, skipped: skipped };
  }

  // Progress from a file joined to what the page keeps: of each card, the record reviewed
  // last; the file's settings; today's count of new cards, the larger.
  function mergeProgress(kept, loaded) {
    Object.keys(loaded.cards).forEach(function (id) {
      var mine = kept.cards[id];
      if (!mine || loaded.cards[id].last > mine.last) kept.cards[id] = loaded.cards[id];
    });
    kept.limit = loaded.limit;
    kept.retention = loaded.retention;
    if (loaded.day === kept.day) kept.fresh = Math.max(kept.fresh, loaded.fresh);
    return kept;
  }

  // --- marking typed answers -----------------------------------------------------------
  // normalise is quizgen.answers.normalise, tested equal to it: case, «ё», accents and
  // other combining marks, punctuation, digit grouping and a leading English article.
  function normalise(text) {
    return text.normalize("NFC").toLowerCase().replace(/ё/g, "е").replace(/\p{M}/gu, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim()
      .replace(/(?<=[0-9]) (?=[0-9]{3}(?![0-9]))/g, "")
      .replace(/^(?:the|a|an) (?=.)/, "");
  }
  // Words of a date's phrasing («в … году», «г.», "in", "on") that a marker does not count.
  var FILLER = { "г": 1, "год": 1, "года": 1, "году": 1, "в": 1, "the": 1, "in": 1, "on": 1 };
  function words(normalised) {
    return normalised.split(" ").filter(function (w) { return w && !FILLER[w]; });
  }
  // The stem quizgen's bank cuts a word to: what survives inflection.
  function stem(w) {
    return w.length <= 4 ? w : w.length > 6 ? w.slice(0, Math.max(4, w.length - 3)) : w.slice(0, -1);
  }
  function sameWord(a, b) {
    return a === b || (a.length > 4 && b.length > 4 && (a.indexOf(stem(b)) === 0 || b.indexOf(stem(a)) === 0));
  }
  // quizgen.answers.accepts marks the same way, tested equal to this. A typed answer is
  // right when it is one of the accepted answers once both are
  // normalised, or the same words in other forms. An accepted answer of fewer words (a
  // surname, an abbreviation) is an answer of its own: none needs the key's word count.
  function accepts(accepted, given) {
    var said = normalise(given);
    if (!said) return false;
    var saidWords = words(said);
    return accepted.some(function (answer) {
      var right = normalise(answer);
      if (right === said) return true;
      var rightWords = words(right);
      return rightWords.length > 0 && rightWords.length === saidWords.length &&
        rightWords.every(function (w, i) { return sameWord(w, saidWords[i]); });
    });
  }

  return {
    DAY: DAY, MINUTE: MINUTE, WEIGHTS: WEIGHTS, LEARNING: LEARNING, REVIEW: REVIEW,
    RELEARNING: RELEARNING, VERSION: VERSION, RETENTION: RETENTION, scheduler: scheduler,
    review: review, replay: replay, intervalDays: intervalDays, dayOf: dayOf,
    dayStart: dayStart, reviewTime: reviewTime, fromSm2: fromSm2, readProgress: readProgress,
    emptyProgress: emptyProgress, stateOf: stateOf, progressFile: progressFile,
    readProgressFile: readProgressFile, mergeProgress: mergeProgress, normalise: normalise,
    accepts: accepts
  };
})();
if (typeof module === "object" && module.exports) module.exports = quizgenCore;
