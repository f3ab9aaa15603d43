import { lineChart, barChart } from './charts.js';

const MODEL = '#1f6feb', RULES = '#d9480f';
const $ = id => document.getElementById(id);
const state = { card: null, comparison: null };

class SignedOut extends Error {}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, ...options });
  if (response.status === 401) throw new SignedOut();
  if (response.status === 204) return null;
  const body = await response.json();
  if (!response.ok) {
    const details = body.errors ? Object.entries(body.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : body.detail;
    throw new Error(`${body.title ?? response.statusText}${details ? ' — ' + details : ''}`);
  }
  return body;
}

function element(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function row(cells, numericFrom = 1) {
  const tr = document.createElement('tr');
  cells.forEach((cell, i) => {
    const td = element('td', cell);
    if (i >= numericFrom) td.className = 'num';
    tr.appendChild(td);
  });
  return tr;
}

const pct = v => v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)}%`;
const num = (v, digits = 3) => v === null || v === undefined ? '—' : (+v).toFixed(digits);
const whole = v => Math.round(v).toLocaleString('en-US');
/** SQL or MQL for the usual outcome names, else the outcome's own name. */
const outcomeName = o => /(^|_)(mql|sql)$/i.test(o) ? o.slice(-3).toUpperCase() : o;
/** What a method catches, in the plural: "SQLs", or "Converted leads" for an outcome named otherwise. */
const caughtNoun = o => /(^|_)(mql|sql)$/i.test(o) ? `${outcomeName(o)}s` : `${o} leads`;

// --- sign-in -------------------------------------------------------------------------------------

function showSignIn(message) {
  $('app').hidden = true;
  $('controls').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message ?? '';
}

$('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await api('/v1/session', { method: 'POST', body: JSON.stringify({ key: $('key').value }) });
    $('key').value = '';
    await start();
  } catch (e) {
    showSignIn(e instanceof SignedOut ? 'That key is not configured for this service.' : e.message);
  }
});

$('sign-out').addEventListener('click', async () => {
  await api('/v1/session', { method: 'DELETE' });
  showSignIn();
});

// --- capacity ------------------------------------------------------------------------------------

/** Expected positives in a method's top k leads, read off its cumulative curve. */
function caughtAt(method, k, step) {
  const values = method.caught, last = values.length - 1;
  const position = Math.min(k / step, last);
  const low = Math.floor(position), high = Math.min(last, low + 1);
  const lowK = low * step, highK = high === last ? state.comparison.leads : high * step;
  if (highK === lowK) return values[low];
  return values[low] + (values[high] - values[low]) * (Math.min(k, highK) - lowK) / (highK - lowK);
}

function renderCapacity() {
  const c = state.comparison;
  const tbody = $('capacity-table').querySelector('tbody');
  tbody.replaceChildren();
  $('caught-head').textContent = `${caughtNoun(c.outcome)} caught`;
  $('capacity-label').textContent = c.weeks ? 'Leads sales can work per week' : `Leads sales can work, of these ${whole(c.leads)} (they have no creation times, so no weeks)`;
  if (!c.model && !c.rules) {
    $('answer').textContent = c.source === 'live'
      ? 'No live leads have a recorded outcome yet. Post outcomes to /v1/outcomes, or look at the test leads.'
      : 'This outcome has no leads with a known result.';
    $('capacity-table').querySelector('tbody').replaceChildren();
    $('rules-today').textContent = '';
    return;
  }
  const perWeek = +$('capacity-number').value;
  const weeks = c.weeks ?? 1;
  const handed = Math.min(c.leads, Math.round(perWeek * weeks));
  const results = [c.model, c.rules].filter(Boolean).map(m => ({ method: m.method, caught: caughtAt(m, handed, c.step) }));
  for (const r of results) {
    const tr = row([r.method === 'model' ? 'Predictive model' : 'Points rules', whole(handed), r.caught.toFixed(0),
      pct(handed ? r.caught / handed : 0), pct(c.positives ? r.caught / c.positives : 0)]);
    tr.dataset.method = r.method;
    tbody.appendChild(tr);
  }
  const period = c.weeks ? `over the ${c.weeks.toFixed(1)} weeks these ${whole(c.leads)} leads span` : `among these ${whole(c.leads)} leads`;
  const model = results.find(r => r.method === 'model'), rules = results.find(r => r.method === 'rules');
  const answer = $('answer');
  answer.replaceChildren();
  if (model && rules) {
    const difference = model.caught - rules.caught;
    const better = difference >= 0.5 ? 'the predictive model' : difference <= -0.5 ? 'the points rules' : 'neither';
    const more = Math.abs(difference).toFixed(0);
    answer.append(`${working(perWeek, handed, period)}, `,
      element('strong', better === 'neither' ? 'both methods catch about the same'
        : `${better} catches ${more} more ${more === '1' ? caughtNoun(c.outcome).replace(/s$/, '') : caughtNoun(c.outcome)}`),
      ` — ${model.caught.toFixed(0)} against ${rules.caught.toFixed(0)} of ${whole(c.positives)}.`);
  } else {
    answer.append(`${working(perWeek, handed, period)}, the ${model ? 'predictive model' : 'points rules'} catches ${(model ?? rules).caught.toFixed(0)} of ${whole(c.positives)} ${caughtNoun(c.outcome)}` +
      ` (the served bundle has no ${model ? 'points rules' : 'model'} to compare with).`);
  }
  $('rules-today').textContent = c.rulesToday
    ? `The rules as configured today hand over every lead at MQL or above: ${whole(c.rulesToday.handOver)} leads` +
      (c.weeks ? ` (${whole(c.rulesToday.handOver / c.weeks)} a week)` : '') + `, catching ${whole(c.rulesToday.caught)} ${caughtNoun(c.outcome)}.`
    : '';
  renderGains(handed);
}

function working(perWeek, handed, period) {
  return state.comparison.weeks ? `Working ${whole(perWeek)} leads a week (${whole(handed)} ${period})` : `Working the top ${whole(handed)} ${period}`;
}

function setCapacity(value) {
  const v = Math.max(1, Math.round(+value || 1));
  $('capacity-number').value = v;
  $('capacity').value = Math.min(v, +$('capacity').max);
  renderCapacity();
}

$('capacity').addEventListener('input', e => setCapacity(e.target.value));
$('capacity-number').addEventListener('input', e => setCapacity(e.target.value));

// --- charts --------------------------------------------------------------------------------------

function series(pick) {
  const c = state.comparison;
  return [
    c.model && { name: 'Predictive model', color: MODEL, points: pick(c.model) },
    c.rules && { name: 'Points rules', color: RULES, points: pick(c.rules) },
  ].filter(Boolean);
}

function renderGains(handed) {
  const c = state.comparison;
  lineChart($('gains-chart'), series(m => m.gains), { xLabel: 'share of leads worked', yLabel: 'share caught', diagonal: true, marker: c.leads ? handed / c.leads : 0 });
}

function renderCharts() {
  const c = state.comparison;
  $('charts-note').textContent = c.model || c.rules
    ? `${whole(c.leads)} ${c.source === 'live' ? 'live leads with a recorded outcome' : 'test leads held out at training'}, ${whole(c.positives)} became ${outcomeName(c.outcome)}.`
    : '';
  lineChart($('roc-chart'), series(m => m.roc), { xLabel: 'false positive rate', yLabel: 'true positive rate', diagonal: true });
  lineChart($('reliability-chart'), series(m => m.reliability.map(b => ({ x: b.meanPredicted, y: b.observedRate })).map(p => p)).map(s => ({ ...s, dots: true })),
    { xLabel: 'predicted probability', yLabel: 'observed rate', diagonal: true });
  const tbody = $('metrics-table').querySelector('tbody');
  tbody.replaceChildren();
  for (const m of [c.model, c.rules].filter(Boolean))
    tbody.appendChild(row([m.method === 'model' ? 'Predictive model' : 'Points rules', num(m.rocAuc), num(m.logLoss), num(m.brier), num(m.expectedCalibrationError)]));
}

// --- disagreements and lookups -------------------------------------------------------------------

function reasonList(reasons) {
  const ul = document.createElement('ul');
  for (const r of reasons) ul.appendChild(element('li', r.sentence, r.contribution > 0 ? 'up' : 'down'));
  return ul;
}

function actualPill(actual, outcome) {
  if (actual === null || actual === undefined) return element('span', 'outcome not known', 'pill');
  return element('span', actual ? `became ${outcomeName(outcome)}` : `did not become ${outcomeName(outcome)}`, `pill ${actual ? 'yes' : 'no'}`);
}

function leadCard(lead, outcome) {
  const card = element('div', undefined, 'lead');
  card.dataset.leadId = lead.id;
  const head = element('header');
  const link = element('a', lead.id);
  link.href = '#';
  link.addEventListener('click', e => { e.preventDefault(); $('lead-id').value = lead.id; lookupLead(lead.id); });
  head.append(link, element('span', `model ${pct(lead.probability)}, above ${pct(lead.modelPercentile)} of leads · rules ${lead.rulePoints ?? '—'} points, ${lead.ruleStage}`),
    actualPill(lead.actual, outcome));
  card.appendChild(head);
  const strongest = [...lead.reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 3);
  card.appendChild(strongest.length ? reasonList(strongest) : element('p', 'No reasons kept for this lead.', 'muted'));
  return card;
}

function renderDisagreements(outcome, d) {
  const none = !state.comparison.rules && !state.comparison.rulesToday
    ? 'The served bundle has no points rules to disagree with.'
    : 'None among these leads.';
  for (const [id, leads] of [['hidden-gems', d.hiddenGems], ['false-alarms', d.falseAlarms]]) {
    const box = $(id);
    box.replaceChildren(...(leads.length ? leads.map(l => leadCard(l, outcome)) : [element('p', none, 'muted')]));
  }
}

async function lookupLead(id) {
  const box = $('lookup-result');
  box.replaceChildren(element('p', 'Looking up…', 'muted'));
  try {
    const lead = await api(`/v1/dashboard/leads/${encodeURIComponent(id)}`);
    const card = element('div', undefined, 'lead');
    card.id = 'lead-result';
    card.appendChild(element('h3', `Lead ${lead.id}`));
    if (lead.holdout) {
      const h = lead.holdout;
      card.appendChild(element('p', `Test lead of the served version · account ${h.accountId ?? '—'} · rules ${h.rulePoints ?? '—'} points, ${h.ruleStage ?? '—'}`));
      const table = element('table');
      table.appendChild(row(['Outcome', 'Model', 'Rules', 'What happened'], 1));
      for (const o of h.outcomes) table.appendChild(row([outcomeName(o.outcome), pct(o.modelProbability), pct(o.rulesProbability), o.actual === null ? '—' : o.actual ? 'yes' : 'no']));
      card.appendChild(table);
    }
    const explained = lead.explained ?? latestExplained(lead.history);
    if (explained) {
      for (const o of explained.outcomes) {
        card.appendChild(element('h3', `${outcomeName(o.outcome)}: ${pct(o.probability)}${o.grade ? ' (grade ' + o.grade + ')' : ''}`));
        card.appendChild(reasonList([...o.positiveReasons, ...o.negativeReasons]));
      }
    }
    if (lead.history.predictions.length) {
      card.appendChild(element('h3', 'Score history'));
      card.appendChild(scoreOverTime(lead.history.predictions));
      const table = element('table');
      table.appendChild(row(['Scored at', 'Version', 'Outcome', 'Probability', 'Rule points', 'Stage'], 3));
      for (const p of lead.history.predictions.slice(-20)) table.appendChild(row([new Date(p.time).toLocaleString(), p.modelVersion, outcomeName(p.outcome), pct(p.probability), p.rulePoints ?? '—', p.ruleStage ?? '—'], 3));
      card.appendChild(table);
    }
    if (lead.history.outcomes.length)
      card.appendChild(element('p', 'Recorded outcomes: ' + lead.history.outcomes.map(o => `${o.stage} on ${new Date(o.reachedAt).toLocaleDateString()}`).join(', ')));
    box.replaceChildren(card);
  } catch (e) {
    if (e instanceof SignedOut) return showSignIn();
    box.replaceChildren(element('p', e.message, 'error'));
  }
}

/** The newest logged scores, with the reasons of the newest scoring that asked for them, shaped like an explained score. */
/** Each outcome's logged probability against days since the lead was first scored. */
function scoreOverTime(predictions) {
  const figure = element('figure');
  figure.appendChild(element('figcaption', 'Score over time'));
  const chart = element('div', undefined, 'chart');
  chart.id = 'lead-score-chart';
  figure.appendChild(chart);
  const start = Math.min(...predictions.map(p => Date.parse(p.time)));
  const days = p => (Date.parse(p.time) - start) / 86400000;
  const xMax = Math.max(1 / 24, ...predictions.map(days));
  const colors = [MODEL, '#1a7f37', RULES, '#8250df'];
  const outcomes = [...new Set(predictions.map(p => p.outcome))];
  lineChart(chart, outcomes.map((o, i) => ({
    name: outcomeName(o), color: colors[i % colors.length], dots: true,
    points: predictions.filter(p => p.outcome === o && p.probability !== null).map(p => ({ x: days(p), y: p.probability })),
  })), { xMax, yMax: 1, xLabel: 'days since first scored', yLabel: 'probability', xFormat: v => v.toFixed(xMax < 2 ? 2 : 0) });
  return figure;
}

function latestExplained(history) {
  const newest = new Map(), explained = new Map();
  for (const p of history.predictions) {
    newest.set(p.outcome, p);
    if (p.reasons.length) explained.set(p.outcome, p.reasons);
  }
  if (!newest.size) return null;
  return {
    outcomes: [...newest.values()].map(p => {
      const reasons = explained.get(p.outcome) ?? [];
      return {
        outcome: p.outcome, probability: p.probability, grade: null,
        positiveReasons: reasons.filter(r => r.contribution > 0),
        negativeReasons: reasons.filter(r => r.contribution <= 0),
      };
    }),
  };
}

async function lookupAccount(id) {
  const box = $('lookup-result');
  box.replaceChildren(element('p', 'Looking up…', 'muted'));
  try {
    const account = await api(`/v1/dashboard/accounts/${encodeURIComponent(id)}`);
    const card = element('div', undefined, 'lead');
    card.id = 'account-result';
    card.appendChild(element('h3', `Account ${account.accountId}`));
    card.appendChild(element('p', account.rollups.map(r => `${outcomeName(r.outcome)}: roll-up ${pct(r.rollup)} over ${r.contacts} contacts`).join(' · ')));
    if (account.lastScoring) {
      card.appendChild(element('p', `Last scored as an account ${new Date(account.scoredAt).toLocaleString()}: ` +
        account.lastScoring.outcomes.map(o => `${outcomeName(o.outcome)} ${pct(o.accountProbability ?? o.rollup)} (grade ${o.grade})`).join(', ')));
      for (const c of account.lastScoring.buyingGroup)
        card.appendChild(element('p', `Buying group by ${c.field}: engaged ${c.engaged.join(', ') || 'none'}; missing ${c.absent.join(', ') || 'none'}`));
    }
    const outcomes = state.card.outcomes.map(o => o.outcome);
    const table = element('table');
    table.appendChild(row(['Contact', 'From', ...outcomes.map(outcomeName), 'Rule points', 'Stage'], 2));
    for (const c of account.contacts)
      table.appendChild(row([c.leadId, c.source === 'live' ? 'log' : 'test leads', ...outcomes.map(o => pct(c.probabilities[o])), c.rulePoints ?? '—', c.ruleStage ?? '—'], 2));
    card.appendChild(table);
    box.replaceChildren(card);
  } catch (e) {
    if (e instanceof SignedOut) return showSignIn();
    box.replaceChildren(element('p', e.message, 'error'));
  }
}

$('lead-form').addEventListener('submit', e => { e.preventDefault(); lookupLead($('lead-id').value.trim()); });
$('account-form').addEventListener('submit', e => { e.preventDefault(); lookupAccount($('account-id').value.trim()); });

// --- model card and monitoring -------------------------------------------------------------------

function renderCard(card) {
  const box = $('model-card');
  box.replaceChildren();
  const data = card.data ?? {};
  const split = card.split;
  const tested = !split ? '' : split.testDates
    ? ` (fit ${split.fitDates}; tested on the ${whole(split.testRows)} newest, ${split.testDates})`
    : ` (${split.method}; tested on ${whole(split.testRows)} held-out leads)`;
  box.appendChild(element('p', `${card.name}/${card.version}, trained ${card.trainedAt ? new Date(card.trainedAt).toLocaleString() : '—'} on ` +
    `${data.rows ? whole(data.rows) : '—'} leads${tested}; rules: ${card.rules ?? 'none'}.`));
  const table = element('table');
  table.appendChild(row(['Outcome', 'Served by', 'Model AUC', 'Rules AUC', 'Model calibration error', 'Rules calibration error', 'Grades A / B / C from', 'Top drivers'], 2));
  for (const o of card.outcomes)
    table.appendChild(row([outcomeName(o.outcome), o.source, num(o.model?.rocAuc), num(o.rules?.rocAuc), num(o.model?.expectedCalibrationError), num(o.rules?.expectedCalibrationError),
      `${pct(o.grades.a)} / ${pct(o.grades.b)} / ${pct(o.grades.c)}`, o.topFeatures.join(', ')], 2));
  box.appendChild(table);
  if (card.outcomes.length) box.appendChild(element('p', `Grades by ${card.outcomes[0].grades.basis}.`, 'muted'));
}

async function renderMonitoring() {
  const m = await api('/v1/monitoring');
  const box = $('monitoring');
  box.replaceChildren();
  const table = element('table');
  table.appendChild(row(['Outcome', 'Leads with outcome', 'Model AUC (live)', 'Rules AUC (live)', 'Calibration error', 'Mean predicted', 'Observed', 'Score drift (PSI)'], 1));
  for (const o of m.outcomes)
    table.appendChild(row([outcomeName(o.outcome), whole(o.leadsWithOutcome), num(o.modelRocAuc), num(o.rulesRocAuc), num(o.expectedCalibrationError), pct(o.meanPredicted), pct(o.observedRate),
      `${num(o.drift.psi)} — ${o.drift.reading}`], 1));
  box.appendChild(table);
  const stopped = m.logging.runsStoppedWithQueuedRecords > 0
    ? ` ${whole(m.logging.runsStoppedWithQueuedRecords)} earlier run(s) stopped with records still queued: at least ${whole(m.logging.lostWhenStopped)} lost.` : '';
  box.appendChild(element('p', `Predictions logged by this instance: ${whole(m.logging.written)}; lost: ${whole(m.logging.lost)}.${stopped}`, 'muted'));
  renderChallenger(m);
  renderFieldDrift(m.fieldDrift);
  renderWeekly(m.outcomes.find(o => o.outcome === $('outcome').value) ?? m.outcomes[0]);
  const days = [...new Set(m.volume.map(v => v.day))].sort();
  const versions = [...new Set(m.volume.map(v => v.modelVersion))].sort();
  const palette = ['#1f6feb', '#8250df', '#1a7f37', '#bf8700', '#cf222e'];
  barChart($('volume-chart'), days.map(d => d.slice(5)), versions.map((version, i) => ({
    name: version, color: palette[i % palette.length],
    values: days.map(d => m.volume.filter(v => v.day === d && v.modelVersion === version).reduce((s, v) => s + v.predictions, 0)),
  })), { xLabel: 'day (UTC)' });
}

function renderChallenger(m) {
  const box = $('challenger');
  box.replaceChildren();
  if (!m.challenger) {
    box.appendChild(element('p', m.challengerRefused
      ? `The registry names a challenger, but it is not scored: ${m.challengerRefused}`
      : 'No challenger is being scored. Publish one with train --registry models --shadow, or POST /v1/models/{name}/{version}/shadow.', 'muted'));
    return;
  }
  const c = m.challenger;
  const table = element('table');
  table.appendChild(row(['Outcome', 'Leads compared', 'Positives', `Worked (top ${pct(c.workloadShare)})`, 'AUC champion', 'AUC challenger',
    'Calibration error champion', 'Calibration error challenger', 'Caught by champion', 'Caught by challenger'], 1));
  for (const o of c.outcomes)
    table.appendChild(row([outcomeName(o.outcome), whole(o.leads), whole(o.positives), whole(o.workload), num(o.champion.rocAuc), num(o.challenger.rocAuc),
      num(o.champion.expectedCalibrationError), num(o.challenger.expectedCalibrationError), whole(o.champion.positivesCaught), whole(o.challenger.positivesCaught)], 1));
  box.appendChild(table);
  box.appendChild(element('p', `${c.championVersion} answers; ${c.challengerVersion} is scored beside it on every lead and never answered. ` +
    'Each lead counts once, with both versions\' newest scores from the same request, once its outcome is recorded.', 'muted'));
}

function renderFieldDrift(drift) {
  const box = $('field-drift');
  box.replaceChildren();
  if (drift.unavailable) {
    box.appendChild(element('p', drift.unavailable, 'muted'));
    return;
  }
  if (!drift.fields.length) {
    box.appendChild(element('p', 'No leads scored by this version yet.', 'muted'));
    return;
  }
  const table = element('table');
  table.appendChild(row(['Field', 'Leads scored', 'PSI', 'Reading', 'Moved most', 'Training share', 'Live share'], 1));
  for (const f of drift.fields.slice(0, 10))
    table.appendChild(row([f.field, whole(f.leads), num(f.psi), f.reading, f.movedMost, pct(f.trainingShare), pct(f.liveShare)], 1));
  box.appendChild(table);
  box.appendChild(element('p', `The ten fields that moved most against the training leads. model.drift is sent for a field at PSI ${num(drift.threshold, 2)} ` +
    `once ${whole(drift.minimumLeads)} leads are scored.`, 'muted'));
}

function renderWeekly(outcome) {
  const weeks = outcome?.weekly ?? [];
  const points = pick => weeks.map((w, i) => ({ x: i, y: pick(w) })).filter(p => p.y !== null && p.y !== undefined);
  const xMax = Math.max(1, weeks.length - 1);
  const label = weeks.length ? 'week scored (starting Monday)' : 'no live outcomes yet';
  const xFormat = v => Number.isInteger(v) && weeks[v] ? weeks[v].week.slice(5) : '';
  lineChart($('weekly-auc-chart'), [
    { name: 'Predictive model', color: MODEL, points: points(w => w.modelRocAuc), dots: true },
    { name: 'Points rules', color: RULES, points: points(w => w.rulesRocAuc), dots: true },
  ], { xMax, xLabel: label, yLabel: 'ROC AUC', xFormat });
  lineChart($('weekly-calibration-chart'), [
    { name: 'Mean predicted', color: MODEL, points: points(w => w.meanPredicted), dots: true },
    { name: 'Observed rate', color: '#1a7f37', points: points(w => w.observedRate), dots: true },
  ], { xMax, xLabel: label, yLabel: 'rate', xFormat });
}

// --- worklist ------------------------------------------------------------------------------------

const signedPct = v => `${v > 0 ? '+' : ''}${(100 * v).toFixed(1)} pts`;

const changeText = change => change.fields.length
  ? `${signedPct(change.probability)}: ${change.fields.map(f => f.field).join(', ')}`
  : signedPct(change.probability);

async function renderWorklist() {
  const outcome = $('outcome').value;
  const capacity = Math.max(1, Math.min(10000, parseInt($('worklist-capacity').value, 10) || 1));
  const cell = $('worklist-cell').value;
  const query = `outcome=${encodeURIComponent(outcome)}&capacity=${capacity}${cell ? `&cell=${cell}` : ''}`;
  $('worklist-csv').href = `/v1/worklist?${query}&format=csv`;
  try {
    const list = await api(`/v1/worklist?${query}`);
    $('worklist-note').textContent = list.leads.length
      ? `The ${list.leads.length} open leads${cell ? ` in cell ${cell}` : ''} most likely to become ${outcomeName(outcome)}, scored in the last ${list.days} days and not yet settled.`
      : `No open leads${cell ? ` in cell ${cell}` : ''} scored in the last ${list.days} days.`;
    $('worklist-table').tBodies[0].replaceChildren(...list.leads.map((lead, i) => {
      const tr = row([String(i + 1), lead.id, lead.accountId ?? '—', pct(lead.probability), lead.grade, lead.cell ?? '—', lead.ruleStage ?? '—',
        lead.change ? changeText(lead.change) : 'new', new Date(lead.scoredAt).toLocaleString('en-GB'),
        lead.reasons.filter(r => r.contribution > 0).slice(0, 2).map(r => r.field).join(', ') || '—'], 3);
      tr.dataset.leadId = lead.id;
      return tr;
    }));
  } catch (e) {
    if (e instanceof SignedOut) return showSignIn();
    $('worklist-note').textContent = e.message;
  }
}

$('worklist-capacity').addEventListener('change', renderWorklist);
$('worklist-cell').addEventListener('change', renderWorklist);
for (const fit of 'ABCD') for (const engagement of '1234') $('worklist-cell').appendChild(new Option(fit + engagement, fit + engagement));

// --- fit × engagement ----------------------------------------------------------------------------

async function renderGrid() {
  const outcome = $('outcome').value;
  try {
    const grid = await api(`/v1/dashboard/grid?outcome=${encodeURIComponent(outcome)}`);
    $('grid-table').hidden = grid.cells.length === 0;
    if (grid.cells.length === 0) {
      $('grid-note').textContent = grid.unavailable;
      return;
    }
    const leads = grid.cells.reduce((sum, c) => sum + c.leads, 0);
    $('grid-note').textContent = `The ${leads.toLocaleString('en-GB')} test leads of ${grid.modelVersion} by who they are (fit A–D: ${grid.fitFields.length} fields) `
      + `and what they did (engagement 1–4: ${grid.engagementFields.length} fields), each grade a quarter; share that became ${outcomeName(outcome)} per cell. Pick a cell to list its open leads.`;
    $('grid-table').tBodies[0].replaceChildren(...'ABCD'.split('').map(fit => {
      const tr = document.createElement('tr');
      tr.appendChild(element('th', fit));
      for (const c of grid.cells.filter(c => c.fit === fit)) {
        const td = element('td', c.rate === null ? '—' : `${pct(c.rate)} of ${c.leads.toLocaleString('en-GB')}`, 'num grid-cell');
        td.dataset.cell = `${c.fit}${c.engagement}`;
        td.style.background = c.rate === null ? '' : `rgba(31, 111, 235, ${Math.min(0.85, 0.08 + c.rate)})`;
        td.addEventListener('click', () => { $('worklist-cell').value = td.dataset.cell; renderWorklist(); });
        tr.appendChild(td);
      }
      return tr;
    }));
  } catch (e) {
    if (e instanceof SignedOut) return showSignIn();
    $('grid-note').textContent = e.message;
  }
}

// --- start ---------------------------------------------------------------------------------------

async function refresh() {
  const outcome = $('outcome').value, source = $('source').value;
  try {
    // Both requests at once: on live leads each reads the prediction log.
    const query = `outcome=${encodeURIComponent(outcome)}&source=${source}`;
    const [comparison, disagreements] = await Promise.all([api(`/v1/dashboard/comparison?${query}`), api(`/v1/dashboard/disagreements?${query}&count=8`)]);
    state.comparison = comparison;
    const c = state.comparison;
    const maxPerWeek = Math.max(10, Math.ceil(c.leads / (c.weeks ?? 1)));
    $('capacity').max = maxPerWeek;
    if (!state.capacityChosen) {
      state.capacityChosen = true;
      setCapacity(c.rulesToday && c.weeks ? Math.max(1, Math.round(c.rulesToday.handOver / c.weeks)) : Math.round(maxPerWeek / 10));
    }
    renderCharts();
    renderCapacity();
    renderDisagreements(outcome, disagreements);
  } catch (e) {
    if (e instanceof SignedOut) return showSignIn();
    $('answer').textContent = e.message;
  }
}

async function start() {
  try {
    const session = await api('/v1/session');
    if (!session.signedIn) return showSignIn();
    $('who').textContent = `signed in: ${session.name}`;
    state.card = await api('/v1/models/current');
  } catch (e) {
    return showSignIn(e instanceof SignedOut ? '' : e.message);
  }
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('controls').hidden = false;
  $('version').textContent = `serving ${state.card.name}/${state.card.version}`;
  const select = $('outcome');
  select.replaceChildren(...state.card.outcomes.map(o => { const opt = element('option', outcomeName(o.outcome)); opt.value = o.outcome; return opt; }));
  select.value = (state.card.outcomes.find(o => o.stage === 'SQL') ?? state.card.outcomes.at(-1)).outcome;
  renderCard(state.card);
  await Promise.all([refresh(), renderWorklist(), renderGrid(), renderMonitoring().catch(e => { $('monitoring').replaceChildren(element('p', e.message, 'error')); })]);
}

$('outcome').addEventListener('change', () => { refresh(); renderWorklist(); renderGrid(); renderMonitoring().catch(() => {}); });
$('source').addEventListener('change', refresh);
start();
