"use strict";
// The study page's script: views, flashcards scheduled by SM-2, the practice quiz, the
// timeline's event cards. Content is only ever put into the page as text (textContent).
(function () {
  var data = JSON.parse(document.getElementById("study-data").textContent);
  resolveTexts(data);
  var L = data.labels;
  var lang = document.documentElement.lang;
  var root = document.documentElement;
  root.classList.remove("nojs");
  root.classList.add("js");

  // The build stores every text once, in data.s, and names it by its index elsewhere.
  function resolveTexts(data) {
    var S = data.s;
    function texts(object, keys) {
      keys.forEach(function (key) {
        var value = object[key];
        if (typeof value === "number") object[key] = S[value];
        else if (Array.isArray(value)) object[key] = value.map(function (i) { return S[i]; });
      });
    }
    data.quotes = data.quotes.map(function (quote) { return [quote[0], S[quote[1]]]; });
    data.cards.forEach(function (card) { texts(card, ["f", "a", "c", "t", "d"]); });
    data.quiz.tasks.forEach(function (task) {
      texts(task, ["p", "c", "s", "r", "b", "f", "l", "e", "k"]);
      if (task.t === "short_answer") texts(task, ["a"]);
      if (task.t === "multiple_choice" || task.t === "attribution") texts(task, ["o"]);
      task.n = task.n.map(function (note) { return [S[note[0]], S[note[1]], note[2]]; });
    });
    data.events.forEach(function (event) { texts(event, ["t", "w", "s", "a", "n"]); });
    data.causes.forEach(function (link) { texts(link, ["c", "e", "r", "x"]); });
    data.disputes.forEach(function (dispute) {
      texts(dispute, ["q", "x"]);
      dispute.p.forEach(function (position) { texts(position, ["h", "c"]); });
    });
  }

  function t(key, values) {
    return L[key].replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }
  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function shuffled(items) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  }
  function quotesInto(parent, indexes) {
    indexes.forEach(function (index) {
      var quote = data.quotes[index];
      var block = el("blockquote");
      block.appendChild(el("p", "", quote[1]));
      block.appendChild(el("footer", "", data.sources[quote[0]]));
      parent.appendChild(block);
    });
  }

  // --- SM-2 ----------------------------------------------------------------------------
  // The algorithm as P. A. Wozniak published it (Optimization of learning, 1990, §3.2):
  // every item starts with an E-Factor of 2.5; intervals I(1) = 1 day, I(2) = 6 days,
  // I(n) = I(n-1) * EF, a fraction rounded up; after each repetition, graded q in 0..5,
  // EF' = EF + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)), never below 1.3; a grade below
  // 3 starts the repetitions again from I(1) without changing the E-Factor; items graded
  // below 4 are repeated again the same day until they score at least 4 (those drills
  // do not change the schedule). The page's buttons give q = 1 (again), 3 (hard),
  // 4 (good), 5 (easy).
  var GRADES = { again: 1, hard: 3, good: 4, easy: 5 };
  var START_EF = 2.5, MIN_EF = 1.3;

  function sm2(state, q) {
    var ef = state ? state.ef : START_EF;
    var n = state ? state.n : 0;
    var interval = state ? state.iv : 0;
    if (q < 3) return { ef: ef, n: 0, iv: 1 };
    // E-Factors move in steps of 0.02 from 2.5: round away the binary fractions.
    ef = Math.max(MIN_EF, Math.round((ef + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)) * 100) / 100);
    n += 1;
    interval = n === 1 ? 1 : n === 2 ? 6 : Math.ceil(interval * ef - 1e-9);
    return { ef: ef, n: n, iv: interval };
  }

  // --- the schedule, kept in localStorage under the pack's id --------------------------
  var DAY = 864e5;
  function today() {
    var now = new Date(Date.now());
    return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY);
  }
  function dayText(day) {
    return new Date(day * DAY).toLocaleDateString(lang, {
      timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  }

  var storageWorks = true;
  var storageDamaged = false;
  function loadStore() {
    var empty = { v: 1, cards: {}, day: today(), fresh: 0, drill: [], limit: data.newPerDay };
    var raw;
    try {
      raw = window.localStorage.getItem(data.storage);
    } catch (error) {
      storageWorks = false;
      return empty;
    }
    if (!raw) return empty;
    var stored;
    try {
      stored = JSON.parse(raw);
    } catch (error) {
      stored = null;
    }
    if (!isRecord(stored)) {
      storageDamaged = true;
      return empty;
    }
    return checkedStore(stored, empty);
  }

  // What the browser kept can be damaged (an old page, an extension, a hand edit). Each
  // part is checked on its own: a damaged part starts again, with a message, and the rest
  // is kept. A part that is missing takes its default without a message.
  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function isCount(value) { return Number.isInteger(value) && value >= 0; }
  function isCardState(state) {
    return isRecord(state) && typeof state.ef === "number" && isFinite(state.ef) &&
      state.ef >= MIN_EF && isCount(state.n) && isCount(state.iv) && state.iv >= 1 &&
      isCount(state.due) && isCount(state.last);
  }
  function checkedStore(stored, store) {
    function part(key, valid) {
      if (!(key in stored)) return false;
      if (valid(stored[key])) return true;
      storageDamaged = true;
      return false;
    }
    if (part("cards", isRecord)) {
      Object.keys(stored.cards).forEach(function (id) {
        if (id !== "__proto__" && isCardState(stored.cards[id])) store.cards[id] = stored.cards[id];
        else storageDamaged = true;
      });
    }
    if (part("limit", isCount)) store.limit = stored.limit;
    // The day's count of new cards and its drills mean nothing without the day they are of.
    if (part("day", isCount)) {
      store.day = stored.day;
      if (part("fresh", isCount)) store.fresh = stored.fresh;
      if (part("drill", Array.isArray)) {
        store.drill = stored.drill.filter(function (id) { return typeof id === "string"; });
        if (store.drill.length !== stored.drill.length) storageDamaged = true;
      }
    }
    return store;
  }
  var store = loadStore();
  function saveStore() {
    try {
      window.localStorage.setItem(data.storage, JSON.stringify(store));
    } catch (error) {
      storageWorks = false;
    }
    $("storage-warning").hidden = storageWorks;
  }

  var cards = data.cards;
  var byId = {};
  cards.forEach(function (card, index) { card.index = index; byId[card.id] = card; });

  function newDay() {
    var day = today();
    if (store.day !== day) {
      // Another day: its new-card count starts again, and the last day's drills lapse.
      store.day = day;
      store.fresh = 0;
      store.drill = [];
    }
    return day;
  }

  function queues() {
    var day = newDay();
    var drill = store.drill.filter(function (id) { return byId[id]; });
    var due = cards.filter(function (card) {
      var state = store.cards[card.id];
      return state && state.due <= day && drill.indexOf(card.id) < 0;
    }).sort(function (a, b) {
      return store.cards[a.id].due - store.cards[b.id].due || a.index - b.index;
    });
    var left = Math.max(0, store.limit - store.fresh);
    var fresh = cards.filter(function (card) { return !store.cards[card.id]; }).slice(0, left);
    return { due: due, fresh: fresh, drill: drill.map(function (id) { return byId[id]; }) };
  }

  function counts() {
    var q = queues();
    return { due: q.due.length, fresh: q.fresh.length, drill: q.drill.length };
  }

  function grade(card, name) {
    var q = GRADES[name];
    var day = newDay();
    var state = store.cards[card.id];
    var drilling = state && state.last === day && store.drill.indexOf(card.id) >= 0;
    if (drilling) {
      store.drill.splice(store.drill.indexOf(card.id), 1);
      if (q < 4) store.drill.push(card.id);
    } else {
      if (!state) store.fresh += 1;
      var next = sm2(state, q);
      store.cards[card.id] = { ef: next.ef, n: next.n, iv: next.iv, due: day + next.iv, last: day };
      if (q < 4) store.drill.push(card.id);
    }
    saveStore();
  }

  // --- the flashcards view -------------------------------------------------------------
  var current = null;
  var answerShown = false;

  function showCounts() {
    var c = counts();
    $("count-due").textContent = c.due;
    $("count-new").textContent = c.fresh;
    $("count-learning").textContent = c.drill;
    return c;
  }

  function frontInto(parent, card, revealed) {
    parent.textContent = "";
    if (!card.c) {
      parent.textContent = card.f;
      return;
    }
    parent.appendChild(document.createTextNode(card.c[0]));
    parent.appendChild(revealed ? el("span", "hidden-part", card.c[1]) : el("span", "blank", "…"));
    parent.appendChild(document.createTextNode(card.c[2]));
  }

  function nextCard() {
    var q = queues();
    showCounts();
    current = q.due[0] || q.fresh[0] || q.drill[0] || null;
    answerShown = false;
    $("card").hidden = !current;
    $("card-done").hidden = !!current;
    $("show-answer").hidden = !current;
    $("grades").hidden = true;
    $("card-back").hidden = true;
    if (!current) {
      var upcoming = Object.keys(store.cards).filter(function (id) { return byId[id]; })
        .map(function (id) { return store.cards[id].due; });
      var text = upcoming.length ? L["cards.done"] + " " + t("cards.next", {
        date: dayText(Math.min.apply(null, upcoming)) }) : L["cards.none"];
      $("card-done-text").textContent = text;
      return;
    }
    frontInto($("card-front"), current, false);
  }

  function showAnswer() {
    if (!current || answerShown) return;
    answerShown = true;
    frontInto($("card-front"), current, true);
    $("card-answer").textContent = current.c ? current.t : current.a;
    $("card-details").textContent = current.d || "";
    var quotes = $("card-quotes");
    quotes.textContent = "";
    quotesInto(quotes, current.s);
    var state = store.cards[current.id];
    var drilling = state && state.last === today() && store.drill.indexOf(current.id) >= 0;
    Object.keys(GRADES).forEach(function (name) {
      var next = drilling ? null : sm2(state, GRADES[name]);
      var hint = document.querySelector('[data-next="' + name + '"]');
      var days = next ? next.iv + " " + L["cards.days"] : "";
      hint.textContent = GRADES[name] < 4 ? L["cards.today"] + (days ? ", " + days : "") : days;
    });
    $("card-back").hidden = false;
    $("show-answer").hidden = true;
    $("grades").hidden = false;
    document.querySelector(".grade-good").focus({ preventScroll: true });
  }

  $("show-answer").addEventListener("click", showAnswer);
  Array.prototype.forEach.call(document.querySelectorAll(".grade"), function (button) {
    button.addEventListener("click", function () {
      if (!current || !answerShown) return;
      grade(current, button.dataset.grade);
      nextCard();
      if (current) $("show-answer").focus();
    });
  });
  var limit = $("new-limit");
  limit.value = store.limit;
  limit.addEventListener("change", function () {
    var value = parseInt(limit.value, 10);
    if (value >= 0) {
      store.limit = value;
      saveStore();
      nextCard();
    }
  });

  // --- the practice quiz ---------------------------------------------------------------
  var quiz = null;

  // A fresh quiz from the pool of composed tasks: as many of each type as the plan asks,
  // no fact asked twice. The types take turns, the one furthest below its share first,
  // and among equals the one whose tasks ask the most facts at once (chronologies,
  // matchings), which would find none left if the others went first. Tasks made for
  // different printed variants can share facts, so a draw that falls short of the plan
  // is made again, a few times, and the one nearest the plan kept.
  var DRAWS = 40;
  function drawQuiz() {
    var plan = data.quiz.plan;
    var best = null, bestMissing = Infinity;
    for (var i = 0; i < DRAWS && bestMissing > 0; i++) {
      var tasks = drawOnce();
      var missing = Object.keys(plan).reduce(function (sum, type) {
        var made = tasks.filter(function (task) { return task.t === type; }).length;
        return sum + Math.max(0, plan[type] - made);
      }, 0);
      if (missing < bestMissing) { best = tasks; bestMissing = missing; }
    }
    return best;
  }

  function drawOnce() {
    var plan = data.quiz.plan;
    var used = {};
    var chosen = [];
    var pool = shuffled(data.quiz.tasks);
    var types = Object.keys(plan).filter(function (type) { return plan[type] > 0; });
    var made = {}, facts = {}, left = {};
    types.forEach(function (type) {
      var own = pool.filter(function (task) { return task.t === type; });
      made[type] = 0;
      left[type] = own;
      facts[type] = own.reduce(function (sum, task) { return sum + task.x.length; }, 0) / (own.length || 1);
    });
    function fresh(task) { return task.x.every(function (f) { return !used[f]; }); }
    function take(type) {
      var list = left[type];
      while (list.length) {
        var task = list.shift();
        if (fresh(task)) {
          task.x.forEach(function (f) { used[f] = true; });
          chosen.push(task);
          made[type] += 1;
          return true;
        }
      }
      return false;
    }
    var total = types.reduce(function (sum, type) { return sum + plan[type]; }, 0);
    function behind(type) { return made[type] / plan[type]; }
    var open = types.slice();
    while (chosen.length < total && open.length) {
      var wanting = open.filter(function (type) { return made[type] < plan[type]; });
      var candidates = wanting.length ? wanting : open;  // then the others make up the rest
      candidates.sort(function (a, b) { return behind(a) - behind(b) || facts[b] - facts[a]; });
      if (!take(candidates[0])) open.splice(open.indexOf(candidates[0]), 1);
    }
    return shuffled(chosen);
  }

  function startQuiz() {
    quiz = { tasks: drawQuiz(), at: 0, score: 0, total: 0 };
    quiz.tasks.forEach(function (task) { quiz.total += task.pts; });
    $("quiz-intro").hidden = true;
    $("quiz-end").hidden = true;
    showTask();
  }

  // Words as a marker reads them: case, ё, punctuation, digit grouping and the words
  // around a date ("в … году", "г.") do not count.
  var FILLER = { "г": 1, "год": 1, "года": 1, "году": 1, "в": 1, "the": 1, "in": 1, "on": 1 };
  function words(text) {
    return text.toLowerCase().replace(/ё/g, "е")
      .replace(/(\d)[\s\u00a0]+(?=\d{3}(?!\d))/g, "$1")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ")
      .filter(function (w) { return w && !FILLER[w]; });
  }
  // The stem quizgen's bank cuts a word to: what survives inflection.
  function stem(w) {
    return w.length <= 4 ? w : w.length > 6 ? w.slice(0, Math.max(4, w.length - 3)) : w.slice(0, -1);
  }
  function sameWord(a, b) {
    return a === b || (a.length > 4 && b.length > 4 && (a.indexOf(stem(b)) === 0 || b.indexOf(stem(a)) === 0));
  }

  // A short answer is right in any form of its words, or as any other name it accepts.
  function accepts(task, given) {
    var said = words(given);
    return said.length > 0 && [task.a].concat(task.k).some(function (answer) {
      var right = words(answer);
      return right.length === said.length && right.every(function (w, i) { return sameWord(w, said[i]); });
    });
  }

  function feedback(task, earned, form) {
    var box = el("div", "feedback " + (earned === task.pts ? "right" : "wrong"));
    box.setAttribute("role", "status");
    box.appendChild(el("p", "verdict", earned === task.pts ? L["quiz.right"]
      : earned > 0 ? L["quiz.partly"] : L["quiz.wrong"]));
    var choice = task.t === "multiple_choice" || task.t === "attribution";
    var single = !choice && task.t !== "true_false" && task.n.length === 1;
    var said = task.t === "true_false" ? L[task.v ? "quiz.true" : "quiz.false"] + ". " + task.r
      : choice ? task.o[task.a] : single ? task.n[0][0] : "";
    box.appendChild(el("p", "answer", L["quiz.answer-was"] + ":" + (said ? " " + said : "")));
    task.n.forEach(function (note) {
      if (note[0] && !said) box.appendChild(el("p", "answer", note[0]));
      if (note[1]) box.appendChild(el("p", "note", note[1]));
      quotesInto(box, note[2]);
    });
    if (task.t === "short_answer" && task.k.length) {
      box.appendChild(el("p", "note", L["quiz.key-also"] + ": " + task.k.join(", ")));
    }
    quiz.score += earned;
    Array.prototype.forEach.call(form.querySelectorAll(".task-actions"), function (done) {
      done.parentNode.removeChild(done);
    });
    var actions = el("div", "task-actions");
    var next = el("button", "primary", L["quiz.next"]);
    next.type = "button";
    next.id = "quiz-next";
    next.addEventListener("click", function () { quiz.at += 1; showTask(); });
    actions.appendChild(next);
    form.appendChild(box);
    form.appendChild(actions);
    Array.prototype.forEach.call(form.querySelectorAll("input, select, fieldset button"),
      function (control) { control.disabled = true; });
    next.focus();
  }

  function choiceTask(form, task, options, rightIndex) {
    var list = el("ul", "options");
    var buttons = [];
    options.forEach(function (option) {
      var item = el("li");
      var button = el("button", "", option.text);
      button.type = "button";
      button.addEventListener("click", function () {
        buttons.forEach(function (b) {
          if (b.index === rightIndex) b.node.classList.add("is-right");
        });
        button.classList.add("chosen");
        if (option.index !== rightIndex) button.classList.add("is-wrong");
        feedback(task, option.index === rightIndex ? task.pts : 0, form);
      });
      buttons.push({ node: button, index: option.index });
      item.appendChild(button);
      list.appendChild(item);
    });
    return list;
  }

  function checkButton(fieldset) {
    var actions = el("div", "task-actions");
    var check = el("button", "primary", L["quiz.check"]);
    check.type = "submit";
    actions.appendChild(check);
    fieldset.appendChild(actions);
  }

  function showTask() {
    var form = $("quiz-task");
    form.textContent = "";
    form.onsubmit = function (event) { event.preventDefault(); };
    if (quiz.at >= quiz.tasks.length) {
      form.hidden = true;
      $("quiz-score").textContent = t("quiz.result", { score: quiz.score, total: quiz.total });
      $("quiz-end").hidden = false;
      $("quiz-again").focus();
      return;
    }
    var task = quiz.tasks[quiz.at];
    form.hidden = false;
    form.appendChild(el("p", "progress", t("quiz.task", { n: quiz.at + 1, total: quiz.tasks.length })
      + " · " + L["quiz.section." + task.t]));
    var fieldset = el("fieldset");
    form.appendChild(fieldset);
    var legend = el("legend");
    fieldset.appendChild(legend);
    if (task.c) fieldset.appendChild(el("p", "context", task.c));
    if (task.t === "multiple_choice" || task.t === "attribution") {
      legend.textContent = task.p;
      var options = shuffled(task.o.map(function (text, index) { return { text: text, index: index }; }));
      fieldset.appendChild(choiceTask(form, task, options, task.a));
    } else if (task.t === "true_false") {
      legend.textContent = task.s;
      fieldset.appendChild(choiceTask(form, task, [
        { text: L["quiz.true"], index: 1 }, { text: L["quiz.false"], index: 0 }], task.v ? 1 : 0));
    } else if (task.t === "matching") {
      legend.textContent = task.p;
      fieldset.appendChild(matching(form, task, fieldset));
      checkButton(fieldset);
    } else if (task.t === "chronology") {
      legend.textContent = L["quiz.section.chronology"];
      fieldset.appendChild(chronology(form, task, fieldset));
      checkButton(fieldset);
    } else {
      shortAnswer(form, task, fieldset, legend);
    }
    var first = fieldset.querySelector("input, select, button");
    if (first) first.focus();
  }

  function matching(form, task, fieldset) {
    var list = el("ol", "pairs");
    var selects = task.l.map(function (left, i) {
      var item = el("li");
      var id = "pair-" + quiz.at + "-" + i;
      var name = el("label", "", left);
      name.htmlFor = id;
      var select = el("select");
      select.id = id;
      select.appendChild(el("option", "", "—")).value = "";
      task.r.forEach(function (right, j) { select.appendChild(el("option", "", right)).value = String(j); });
      item.appendChild(name);
      item.appendChild(select);
      list.appendChild(item);
      return { item: item, select: select };
    });
    form.onsubmit = function (event) {
      event.preventDefault();
      var right = 0;
      selects.forEach(function (pair, i) {
        var ok = pair.select.value === String(task.a[i]);
        right += ok ? 1 : 0;
        pair.item.classList.add(ok ? "is-right" : "is-wrong");
      });
      feedback(task, right, form);
    };
    return list;
  }

  function chronology(form, task, fieldset) {
    var list = el("ol", "order");
    var order = task.e.map(function (_, i) { return i; });
    function draw(focusAt, direction) {
      list.textContent = "";
      order.forEach(function (index, position) {
        var item = el("li");
        item.appendChild(el("span", "", task.e[index]));
        [["up", "↑", -1], ["down", "↓", 1]].forEach(function (move) {
          var button = el("button", "", move[1]);
          button.type = "button";
          button.setAttribute("aria-label", L["quiz." + move[0]] + ": " + task.e[index]);
          var target = position + move[2];
          button.disabled = target < 0 || target >= order.length;
          button.addEventListener("click", function () {
            order[position] = order[target];
            order[target] = index;
            draw(target, move[0]);
          });
          item.appendChild(button);
        });
        list.appendChild(item);
      });
      if (focusAt !== undefined) {
        var buttons = list.children[focusAt].querySelectorAll("button");
        var keep = direction === "up" ? buttons[0] : buttons[1];
        (keep.disabled ? (direction === "up" ? buttons[1] : buttons[0]) : keep).focus();
      }
    }
    draw();
    form.onsubmit = function (event) {
      event.preventDefault();
      var wrong = order.filter(function (index, position) { return task.o[position] !== index; }).length;
      Array.prototype.forEach.call(list.children, function (item, position) {
        item.classList.add(task.o[position] === order[position] ? "is-right" : "is-wrong");
      });
      // Two points for the right order, one if two events are swapped and the rest in place.
      feedback(task, wrong === 0 ? task.pts : wrong === 2 ? task.pts - 1 : 0, form);
    };
    return list;
  }

  function shortAnswer(form, task, fieldset, legend) {
    var input = el("input");
    input.type = "text";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-label", L["quiz.your-answer"]);
    if (task.b || task.f) {
      legend.textContent = L["quiz.howto.short_answer"];
      var sentence = el("p", "cloze");
      sentence.appendChild(document.createTextNode(task.b));
      sentence.appendChild(input);
      sentence.appendChild(document.createTextNode(task.f));
      fieldset.appendChild(sentence);
    } else {
      legend.textContent = task.p;
      fieldset.appendChild(input);
    }
    checkButton(fieldset);
    form.onsubmit = function (event) {
      event.preventDefault();
      var ok = accepts(task, input.value);
      input.classList.add(ok ? "is-right" : "is-wrong");
      feedback(task, ok ? task.pts : 0, form);
    };
  }

  $("quiz-start").addEventListener("click", startQuiz);
  $("quiz-again").addEventListener("click", startQuiz);

  // --- the timeline's event cards ------------------------------------------------------
  var opener = null;
  function showEvent(id, from) {
    var article = $("event-" + id);
    if (!article) return;
    Array.prototype.forEach.call(document.querySelectorAll(".event.current, .tl-event.current"),
      function (node) { node.classList.remove("current"); });
    article.classList.add("current");
    var mark = document.querySelector('.tl-event[data-event="' + id + '"]');
    if (mark) mark.classList.add("current");
    $("tl-choose").hidden = true;
    opener = from || mark;
    article.focus({ preventScroll: window.matchMedia("(min-width: 860px)").matches });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-event]");
    if (link) {
      event.preventDefault();
      show("timeline");
      showEvent(link.getAttribute("data-event"), link);
      return;
    }
    if (event.target.classList.contains("close-event")) closeEvent();
  });
  function closeEvent() {
    var open = document.querySelector(".event.current");
    if (!open) return;
    open.classList.remove("current");
    if (opener) opener.focus();
  }

  function eventLink(text, id) {
    var link = el("a", "", text);
    link.href = "#event-" + id;
    link.setAttribute("data-event", id);
    return link;
  }

  function drawEvents() {
    var panel = $("tl-panel");
    var undated = [];
    data.events.forEach(function (event) {
      var article = el("article", "event");
      article.id = "event-" + event.id;
      article.tabIndex = -1;
      var close = el("button", "close-event", L["timeline.close"]);
      close.type = "button";
      article.appendChild(close);
      article.appendChild(el("h3", "", event.t));
      article.appendChild(el("p", "when", event.w || L["timeline.undated"]));
      if (event.n) article.appendChild(el("p", "note", L["label.date-note"] + ": " + event.n));
      article.appendChild(el("p", "", event.s));
      if (event.a.length) {
        var actors = el("p", "actors");
        actors.appendChild(el("span", "tag", L["timeline.actors"] + ":"));
        actors.appendChild(document.createTextNode(" " + event.a.join(", ")));
        article.appendChild(actors);
      }
      quotesInto(article, event.q);
      panel.appendChild(article);
      if (!event.w) undated.push(event);
    });
    if (undated.length) {
      var box = $("undated");
      box.appendChild(el("h3", "", L["timeline.undated"]));
      var list = el("ul", "undated");
      undated.forEach(function (event) {
        list.appendChild(el("li")).appendChild(eventLink(event.t, event.id));
      });
      box.appendChild(list);
    }
  }

  function drawCauses() {
    var list = $("causes-list");
    data.causes.forEach(function (link) {
      var item = el("li", "link");
      item.id = "cause-" + link.id;
      [["c", "causes.cause", "cause"], ["e", "causes.effect", "effect"]].forEach(function (side, i) {
        var box = el("div", "side " + side[2]);
        box.appendChild(el("span", "tag", L[side[1]]));
        box.appendChild(link[side[0] + "v"] ? eventLink(link[side[0]], link[side[0] + "v"])
          : el("span", "", link[side[0]]));
        item.appendChild(box);
        if (i === 0) item.appendChild(el("div", "arrow", "→")).setAttribute("aria-hidden", "true");
      });
      if (link.r) item.appendChild(el("p", "note", link.r));
      if (link.x) item.appendChild(el("p", "note", L["causes.note"] + ": " + link.x));
      quotesInto(item, link.q);
      list.appendChild(item);
    });
  }

  function drawDisputes() {
    var list = $("disputes-list");
    data.disputes.forEach(function (dispute) {
      var article = el("article", "dispute");
      article.id = "dispute-" + dispute.id;
      article.appendChild(el("h3", "", dispute.q));
      if (dispute.x) article.appendChild(el("p", "note", L["disputes.note"] + ": " + dispute.x));
      var positions = el("div", "positions");
      dispute.p.forEach(function (position) {
        var box = el("div", "position");
        var holder = el("p", "holder");
        holder.appendChild(el("span", "tag", L["disputes.holder"] + ":"));
        holder.appendChild(document.createTextNode(" " + position.h));
        box.appendChild(holder);
        box.appendChild(el("p", "claim", position.c));
        quotesInto(box, position.q);
        positions.appendChild(box);
      });
      article.appendChild(positions);
      list.appendChild(article);
    });
  }

  drawEvents();
  drawCauses();
  drawDisputes();

  // --- views ---------------------------------------------------------------------------
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  var views = tabs.map(function (tab) { return tab.dataset.view; });
  var shown = null;
  function show(view, focus) {
    shown = view;
    tabs.forEach(function (tab) {
      var on = tab.dataset.view === view;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      $(tab.dataset.view).hidden = !on;
      if (on && focus) tab.focus();
    });
    if (history.replaceState) history.replaceState(null, "", "#" + view);
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { show(tab.dataset.view); });
    tab.addEventListener("keydown", function (event) {
      var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (event.key === "Home") step = -index;
      if (event.key === "End") step = tabs.length - 1 - index;
      if (step === undefined) return;
      event.preventDefault();
      show(views[(index + step + tabs.length) % tabs.length], true);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown === "timeline") closeEvent();
    if (shown !== "cards" || event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || event.target.isContentEditable) return;
    if (!answerShown && (event.key === " " || event.key === "Enter") && current
        && (event.target === document.body || event.target.id === "show-answer")) {
      event.preventDefault();
      showAnswer();
    } else if (answerShown && /^[1-4]$/.test(event.key)) {
      event.preventDefault();
      document.querySelectorAll(".grade")[Number(event.key) - 1].click();
    }
  });

  var hash = location.hash.slice(1);
  show(views.indexOf(hash) >= 0 ? hash : "cards");
  if (hash.indexOf("event-") === 0 && $(hash)) {
    show("timeline");
    showEvent(hash.slice(6));
  }
  if (!storageWorks) $("storage-warning").hidden = false;
  if (storageDamaged) {
    saveStore();  // the damaged part as it starts again, so that the message shows once
    $("storage-damaged").hidden = false;
  }
  nextCard();

  // For the page's own tests: the scheduler and the counts, read-only.
  window.quizgenStudy = {
    sm2: sm2, grades: GRADES, counts: counts, today: today, accepts: accepts, showAnswer: showAnswer,
    current: function () { return current && current.id; },
    quiz: function () { return quiz; },
    task: function () { return quiz && quiz.tasks[quiz.at]; }
  };
})();
