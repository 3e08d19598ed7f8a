// Runs the study page's pure logic (src/quizgen/templates/study-core.js) for the Python tests.
// Reads one JSON request from stdin and writes the answer as JSON to stdout:
//   {"calls": [[name, arg, …], …]}  → the result of each core function called so
//   {"sequences": [{"retention": r, "reviews": [[rating, time], …]}, …]}
//                                    → each sequence's card after every review
"use strict";
const path = require("path");
const core = require(path.join(__dirname, "..", "src", "quizgen", "templates", "study-core.js"));

function run(request) {
  if (request.calls) {
    return request.calls.map(([name, ...args]) => {
      if (name === "review") {
        const [retention, card, rating, now] = args;
        return core.review(core.scheduler(retention), card, rating, now);
      }
      if (name === "replay") return core.replay(core.scheduler(args[0]), args[1]);
      return core[name](...args);
    });
  }
  return request.sequences.map(({ retention, reviews }) => {
    const scheduler = core.scheduler(retention);
    let card = null;
    return reviews.map(([rating, time]) => (card = core.review(scheduler, card, rating, time)));
  });
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => { process.stdout.write(JSON.stringify(run(JSON.parse(input)))); });
