// The study page's script: views, flashcards scheduled by FSRS-6, the practice quiz, the
// timeline's event cards. Content is only ever put into the page as text (textContent).
// The pure logic it calls (quizgenCore) is study-core.js, included before it.
(function () {
  "use strict";
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

  // --- the schedule: FSRS-6 (study-core.js), kept in localStorage under the pack's id ---
  // The buttons grade 1 again, 2 hard, 3 good, 4 easy, as FSRS numbers its ratings.
  var core = quizgenCore;
  var GRADES = { again: 1, hard: 2, good: 3, easy: 4 };
  function today() { return core.dayOf(Date.now()); }
  function dayText(day) {
    return new Date(core.dayStart(day)).toLocaleDateString(lang, {
      day: "numeric", month: "long", year: "numeric" });
  }

  var storageWorks = true;
  var storageDamaged = false;
  var storageMigrated = false;
  var storageNewer = false;
  function loadStore() {
    var empty = core.emptyProgress(data.pack, today(), data.newPerDay);
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
    var read = core.readProgress(stored, data.pack, today(), data.newPerDay);
    storageDamaged = read.damaged;
    storageMigrated = read.migrated > 0;
    storageNewer = read.newer;
    return read.progress;
  }
  var store = loadStore();
  var scheduler = core.scheduler(store.retention);
  function saveStore() {
    if (storageNewer) return;
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
      store.day = day;
      store.fresh = 0;
    }
    return day;
  }

  // Cards to study today, in the order they come: (re)learning cards whose step is up,
  // cards due for review, new cards, then (re)learning cards whose step ends later today.
  function queues() {
    var now = Date.now();
    var end = core.dayStart(newDay() + 1);
    var q = { learning: [], due: [], fresh: [], later: [] };
    cards.forEach(function (card) {
      var state = store.cards[card.id];
      if (!state) q.fresh.push(card);
      else if (state.due < end) {
        (state.state === core.REVIEW ? q.due : state.due <= now ? q.learning : q.later).push(card);
      }
    });
    function byDue(a, b) { return store.cards[a.id].due - store.cards[b.id].due || a.index - b.index; }
    q.learning.sort(byDue);
    q.due.sort(byDue);
    q.later.sort(byDue);
    q.fresh = q.fresh.slice(0, Math.max(0, store.limit - store.fresh));
    return q;
  }

  function counts() {
    var q = queues();
    return { due: q.due.length, fresh: q.fresh.length, drill: q.learning.length + q.later.length };
  }

  // The card as the scheduler leaves it after `rating`, at the time it counts the review at.
  function reviewed(card, rating, now) {
    var kept = store.cards[card.id];
    var at = core.reviewTime(now, kept ? kept.last : null);
    return { at: at, state: core.review(scheduler, kept ? core.stateOf(kept) : null, rating, at) };
  }

  function grade(card, name) {
    var now = Date.now();
    newDay();
    var kept = store.cards[card.id];
    var next = reviewed(card, GRADES[name], now);
    var record = next.state;
    record.log = kept ? kept.log : [];
    record.log.push([GRADES[name], next.at, now]);
    if (kept && kept.from) record.from = kept.from;
    if (!kept) store.fresh += 1;
    store.cards[card.id] = record;
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
    current = q.learning[0] || q.due[0] || q.fresh[0] || q.later[0] || null;
    answerShown = false;
    $("card").hidden = !current;
    $("card-done").hidden = !!current;
    $("show-answer").hidden = !current;
    $("grades").hidden = true;
    $("card-back").hidden = true;
    if (!current) {
      var upcoming = Object.keys(store.cards).filter(function (id) { return byId[id]; })
        .map(function (id) { return core.dayOf(store.cards[id].due); });
      var text = upcoming.length ? L["cards.done"] + " " + t("cards.next", {
        date: dayText(Math.min.apply(null, upcoming)) }) : L["cards.none"];
      $("card-done-text").textContent = text;
      return;
    }
    frontInto($("card-front"), current, false);
  }

  function waitText(ms) {
    return ms < core.DAY ? Math.max(1, Math.round(ms / core.MINUTE)) + " " + L["cards.minutes"]
      : Math.round(ms / core.DAY) + " " + L["cards.days"];
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
    var now = Date.now();
    Object.keys(GRADES).forEach(function (name) {
      var next = reviewed(current, GRADES[name], now);
      document.querySelector('[data-next="' + name + '"]').textContent = waitText(next.state.due - next.at);
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

  // --- settings, and progress moved as a file --------------------------------------------
  var limit = $("new-limit"), retention = $("retention");
  function showSettings() {
    limit.value = store.limit;
    retention.value = store.retention;
    scheduler = core.scheduler(store.retention);
  }
  limit.addEventListener("change", function () {
    var value = parseInt(limit.value, 10);
    if (value >= 0) {
      store.limit = value;
      saveStore();
      nextCard();
    }
  });
  retention.addEventListener("change", function () {
    var value = Math.round(parseFloat(retention.value) * 100) / 100;
    if (value >= core.RETENTION.low && value <= core.RETENTION.high) {
      store.retention = value;
      saveStore();
    }
    showSettings();
  });

  function say(text, warning) {
    var message = $("progress-message");
    message.textContent = text;
    message.className = warning ? "warning" : "";
    message.hidden = false;
  }
  $("progress-export").addEventListener("click", function () {
    var file = JSON.stringify(core.progressFile(store, Date.now()));
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([file], { type: "application/json" }));
    link.download = data.pack + "-progress.json";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  });
  $("progress-import").addEventListener("click", function () { $("progress-file").click(); });
  $("progress-file").addEventListener("change", function () {
    var input = this, file = input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      input.value = "";
      var read = core.readProgressFile(String(reader.result), data.pack, today(), data.newPerDay);
      if (read.error) {
        say(t("progress." + read.error, read), true);
        return;
      }
      store = core.mergeProgress(store, read.progress);
      saveStore();
      showSettings();
      nextCard();
      say(t("progress.loaded", { count: Object.keys(read.progress.cards).length }) +
        (read.skipped ? " " + t("progress.skipped", { count: read.skipped }) : ""), false);
    };
    reader.readAsText(file);
  });
  showSettings();

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
    var also = task.t === "short_answer" ? task.k.filter(function (k) { return k !== task.a; }) : [];
    if (also.length) box.appendChild(el("p", "note", L["quiz.key-also"] + ": " + also.join(", ")));
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
      var ok = core.accepts(task.k, input.value);
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
  // The damaged part as it starts again, so that the message shows once; SM-2 progress in
  // its new form, so that it moves once.
  if (storageDamaged || storageMigrated) saveStore();
  if (storageDamaged) $("storage-damaged").hidden = false;
  if (storageNewer) $("storage-newer").hidden = false;
  nextCard();

  // For the page's own tests: the counts and what is on screen, read-only.
  window.quizgenStudy = {
    counts: counts, today: today, showAnswer: showAnswer,
    current: function () { return current && current.id; },
    quiz: function () { return quiz; },
    task: function () { return quiz && quiz.tasks[quiz.at]; }
  };
})();
