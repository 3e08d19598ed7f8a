// Reads GIFT on stdin and prints what gift-pegjs makes of it as JSON; exit 1 with the
// parser's message when it refuses the text.
const gift = require("gift-pegjs");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  try {
    process.stdout.write(JSON.stringify(gift.parse(input)));
  } catch (error) {
    const where = error.location ? `${error.location.start.line}:${error.location.start.column}: ` : "";
    process.stderr.write(`${where}${error.message}\n`);
    process.exit(1);
  }
});
