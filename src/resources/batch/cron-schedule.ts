// The cron grammar CronJobs accept (robfig/cron's standard parser: five fields or an @descriptor), returning
// the parser's own error text when a schedule does not parse, since kube shows it to the user.

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const fields: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(months.map((m, i) => [m, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(days.map((d, i) => [d, i])) },
];

const descriptors = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

class CronError extends Error {}

/** Go's strconv.Atoi, then the parser's check for negatives. */
function number(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${text}`);
  return n;
}

function numberOrName(text: string, bounds: Bounds): number {
  return bounds.names?.[text.toLowerCase()] ?? number(text);
}

function checkRange(expr: string, bounds: Bounds): void {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  let start: number;
  let end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = bounds.min;
    end = bounds.max;
  } else {
    start = numberOrName(lowAndHigh[0], bounds);
    if (lowAndHigh.length > 2) throw new CronError(`too many hyphens: ${expr}`);
    end = lowAndHigh.length === 2 ? numberOrName(lowAndHigh[1], bounds) : start;
  }
  let step = 1;
  if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  if (rangeAndStep.length === 2) {
    step = number(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = bounds.max;
  }
  if (start < bounds.min) throw new CronError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
}

/** Go's time.ParseDuration, enough to accept or refuse "@every <duration>". */
function isDuration(text: string): boolean {
  return /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(text) || text === "0";
}

function parse(schedule: string): void {
  let spec = schedule;
  if (spec.length === 0) throw new CronError("empty spec string");
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const space = spec.indexOf(" ");
    const zone = spec.slice(spec.indexOf("=") + 1, space < 0 ? undefined : space);
    if (space < 0 || !isTimeZone(zone)) throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith("@")) {
    if (descriptors.has(spec)) return;
    if (spec.startsWith("@every ")) {
      const duration = spec.slice("@every ".length);
      if (isDuration(duration)) return;
      throw new CronError(`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(duration)}`);
    }
    throw new CronError(`unrecognized descriptor: ${spec}`);
  }
  const parts = spec.split(/\s+/).filter((p) => p !== "");
  if (parts.length !== 5) throw new CronError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(" ")}]`);
  parts.forEach((part, i) => {
    for (const expr of part.split(",")) checkRange(expr, fields[i]);
  });
}

/** Why a schedule does not parse (cron.ParseStandard's message); undefined when it does. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    parse(schedule);
    return undefined;
  } catch (err) {
    if (err instanceof CronError) return err.message;
    throw err;
  }
}

/** Whether Go's time.LoadLocation knows a zone: an IANA name, spelled as the database spells it. */
export function isTimeZone(zone: string): boolean {
  if (zone === "" || zone === "UTC") return true;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    // ICU accepts any letter case; Go reads the zone file by its exact name.
    return resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
  } catch {
    return false;
  }
}
