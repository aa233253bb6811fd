// The training page's results: legend, the two charts (a curve per method,
// or a band per method with several seeds), what a chart leaves out, the
// table and the progress line. The core's TrainBoard holds the runs and
// makes every number and picture; this file puts them on the page.
import { $, fitCanvas } from '../shell.js';

function list(box, items, make) {
  box.replaceChildren(...items.map(make));
  box.hidden = items.length === 0;
}

/** A legend entry or table swatch in the lane's colour (a CSS custom property, set through the CSSOM). */
function swatch(tag, color) {
  const e = document.createElement(tag);
  e.className = 'swatch';
  e.style.setProperty('--lane', color);
  return e;
}

export function drawResults(board, guard, axis) {
  list($('legend'), guard(() => board.legend(), []), (item) => {
    const li = document.createElement('li');
    li.style.setProperty('--lane', item.color);
    li.append(swatch('span', item.color), `${item.lane + 1}: ${item.label}`);
    return li;
  });
  for (const [id, metric] of [['loss', 'loss'], ['error', 'error']]) {
    const canvas = $(`${id}-chart`);
    const dpr = fitCanvas(canvas);
    guard(() => board.drawChart(canvas, metric, axis, dpr));
    list($(`${id}-notes`), guard(() => board.notes(metric), []), (text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    });
  }
  // Each cell carries its column's header as data-label: on a phone the rows
  // become cards with a small label over each figure (style.css).
  const heads = Array.from($('table').tHead.rows[0].cells, (th) => th.textContent);
  $('table').tBodies[0].replaceChildren(...guard(() => board.rows(), []).map((row) => {
    const tr = document.createElement('tr');
    tr.dataset.status = row.state;
    tr.dataset.lane = String(row.lane);
    tr.style.setProperty('--lane', row.color);
    tr.append(swatch('td', row.color));
    row.cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i > 0) td.dataset.label = heads[i + 1] ?? '';
      tr.append(td);
    });
    return tr;
  }));
  const p = guard(() => board.progress(), { fraction: 0, text: '' });
  $('progress').value = p.fraction;
  $('progress-text').textContent = p.text;
}
