// Runs inside report.html in headless Chromium (tests/browser/run_test.sh
// appends it, with findings.json and claims.jsonl as inert JSON). Writes one
// "ok:"/"FAIL:" line per check into a results element, read back from the
// dumped DOM.
(function () {
  var results = [];
  function check(name, ok) { results.push((ok ? 'ok: ' : 'FAIL: ') + name); }
  function visible(el) { return !!el && el.offsetParent !== null; }
  function shownCards() {
    return Array.prototype.filter.call(document.querySelectorAll('.card'), visible);
  }
  function choose(id, value) {
    var el = document.getElementById(id);
    if (el.type === 'checkbox') el.checked = value; else el.value = value;
    el.dispatchEvent(new Event('change'));
  }
  function finish() {
    var pre = document.createElement('pre');
    pre.id = 'test-results';
    pre.textContent = results.join('\n') + '\nend of ' + 'checks\n';
    document.body.appendChild(pre);
  }
  try {
    var findings = JSON.parse(document.getElementById('t-findings').textContent);
    var claims = {};
    JSON.parse(document.getElementById('t-claims').textContent).forEach(function (c) {
      claims[c.id] = c;
    });
    var conflictVerdicts = ['conflict', 'base-mismatch', 'speaker-disagreement'];
    var conflicts = findings.filter(function (f) {
      return f.severity !== 'low' && conflictVerdicts.indexOf(f.verdict) >= 0;
    });
    check('findings.json has conflicts to show (' + conflicts.length + ')', conflicts.length >= 2);

    // Every conflict card, in the Conflicts section, visible, with every quote behind it.
    conflicts.forEach(function (f) {
      var card = document.getElementById('f-' + f.id);
      var name = 'conflict ' + f.id + ' (' + f.attribute + ')';
      check(name + ': card present in Conflicts', !!card && !!card.closest('#conflicts'));
      if (!card) return;
      check(name + ': card visible', visible(card));
      var rows = card.querySelectorAll('tbody tr');
      check(name + ': one row per claim', rows.length === f.claim_ids.length);
      var outlets = {};
      f.claim_ids.forEach(function (id, i) {
        var c = claims[id];
        var cell = rows[i] && rows[i].querySelector('td.quote');
        check(name + ': quote of claim ' + id + ' shown',
              !!cell && cell.textContent.indexOf(c.quote) >= 0);
        check(name + ': figure of claim ' + id + ' highlighted',
              !!cell && !!cell.querySelector('mark') && cell.querySelector('mark').textContent === c.text);
        outlets[c.outlet] = true;
      });
      check(name + ': quotes from two sides', Object.keys(outlets).length >= 2 ||
            f.verdict === 'speaker-disagreement');
      check(name + ': explanation shown',
            card.querySelector('.explanation').textContent === f.explanation);
    });

    // Charts: one mark per claim row, drawn with a size; hedged ends open.
    var cards = document.querySelectorAll('.card');
    var mismatched = [];
    cards.forEach(function (card) {
      var marks = card.querySelectorAll('svg.chart g.mark');
      var rows = card.querySelectorAll('tbody tr');
      var same = marks.length === rows.length;
      for (var i = 0; same && i < rows.length; i++)
        same = marks[i].getAttribute('data-claim') === rows[i].getAttribute('data-claim');
      if (!same) mismatched.push(card.id);
    });
    check('every chart has one mark per claim row (' + cards.length + ' cards)',
          cards.length > 0 && mismatched.length === 0);
    var drawn = true;
    conflicts.forEach(function (f) {
      var card = document.getElementById('f-' + f.id);
      if (!card) return;
      var svg = card.querySelector('svg.chart');
      drawn = drawn && !!svg && svg.getBoundingClientRect().width > 200;
      card.querySelectorAll('g.mark').forEach(function (g) {
        drawn = drawn && g.getBBox().width > 0;
      });
    });
    check('conflict charts render with a size', drawn);
    check('a hedged figure is drawn with an open end', !!document.querySelector('#conflicts circle.end.open'));
    check('a base mismatch shades the implied range',
          !findings.some(function (f) { return f.implied; }) ||
          !!document.querySelector('#conflicts rect.band'));

    // Filters hide and show cards.
    var before = shownCards().length;
    check('cards shown at first (' + before + ')', before > 0);
    choose('filter-verdict', 'agree');
    var agree = shownCards();
    check('verdict filter: only agreements shown', agree.length > 0 && agree.every(function (c) {
      return c.dataset.verdict === 'agree';
    }));
    check('verdict filter: Conflicts section hidden', !visible(document.getElementById('conflicts')));
    choose('filter-verdict', '');
    check('verdict filter cleared: all shown again', shownCards().length === before);
    var outlet = document.getElementById('filter-outlet').options[1].value;
    choose('filter-outlet', outlet);
    var byOutlet = shownCards();
    check('outlet filter: fewer cards, each with that outlet', byOutlet.length > 0 &&
          byOutlet.length < before && byOutlet.every(function (c) {
            return c.dataset.outlets.indexOf('|' + outlet + '|') >= 0;
          }));
    choose('filter-outlet', '');
    var attribute = conflicts[0].attribute;
    choose('filter-attribute', attribute);
    check('fact filter: only that fact', shownCards().length > 0 && shownCards().every(function (c) {
      return c.dataset.attribute === attribute;
    }));
    choose('filter-attribute', '');
    var low = document.querySelectorAll('.card[data-low="1"]').length;
    check('low-confidence cards hidden at first', low > 0 && shownCards().length === before);
    choose('filter-low', true);
    check('toggle shows generic and furniture cards', shownCards().length === before + low);
    choose('filter-low', false);
    check('counter says what is shown',
          document.getElementById('shown').textContent === before + ' of ' + cards.length + ' findings shown');

    // Text from articles stays text.
    check('no script from an article ran', window.__pwned === undefined && document.title !== 'pwned');
    check('an article\'s <script> is shown as text',
          document.getElementById('articles').textContent.indexOf('<script>window.__pwned') >= 0);
    check('no element made from article text',
          !document.querySelector('main script, main img, main i, summary b b, h3 b, td b'));
    var options = Array.prototype.map.call(document.getElementById('filter-outlet').options,
                                           function (o) { return o.textContent; });
    check('markup in an outlet name is shown as text', options.some(function (t) {
      return t.indexOf('<b>') >= 0;
    }));

    // A quote's link opens its article at the figure.
    var link = document.querySelector('#conflicts td.quote a');
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    check('quote links to its figure in the article', !!target && target.tagName === 'MARK' &&
          !!target.closest('details.article'));
    if (link) location.hash = link.hash;
    setTimeout(function () {
      check('following the link opens the article', !!target && target.closest('details').open);
      finish();
    }, 200);
  } catch (e) {
    results.push('FAIL: exception ' + e);
    finish();
  }
})();
