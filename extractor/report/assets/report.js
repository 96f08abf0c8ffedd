(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card'));
  var verdict = document.getElementById('filter-verdict');
  var outlet = document.getElementById('filter-outlet');
  var attribute = document.getElementById('filter-attribute');
  var low = document.getElementById('filter-low');
  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var d = card.dataset;
      var ok = (!verdict.value || d.verdict === verdict.value) &&
               (!outlet.value || d.outlets.indexOf('|' + outlet.value + '|') >= 0) &&
               (!attribute.value || d.attribute === attribute.value) &&
               (low.checked || d.low !== '1');
      card.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll('section.group').forEach(function (group) {
      group.hidden = !group.querySelector('.card:not([hidden])');
    });
    document.getElementById('shown').textContent =
      shown + ' of ' + cards.length + ' findings shown';
  }
  [verdict, outlet, attribute, low].forEach(function (e) { e.addEventListener('change', apply); });
  apply();
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var details = target.closest('details');
    if (details) details.open = true;
    target.scrollIntoView({block: 'center'});
    target.classList.add('flash');
    setTimeout(function () { target.classList.remove('flash'); }, 1500);
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
