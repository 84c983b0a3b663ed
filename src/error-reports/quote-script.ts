/**
 * Quoting a selection in a report. A keyboard has Ctrl+Enter; a phone has no such key, so a
 * selection inside the text (`data-report-body`) also shows the "quote in a report" link, fixed at
 * the bottom of the screen, whose address carries it. The link keeps the last selection: on a
 * phone, the tap that follows it may clear the selection first. Without JavaScript the link stays
 * hidden and the form's quote is a plain text field.
 */
export const reportScript = `(function () {
  var link = document.querySelector('a[data-report]');
  var quoteLink = document.querySelector('a[data-report-quote]');
  if (!link) return;
  var target = function (quote) {
    return link.getAttribute('href') + '?quote=' + encodeURIComponent(quote.slice(0, 1000));
  };
  var inBody = function (node) {
    var bodies = document.querySelectorAll('[data-report-body]');
    for (var i = 0; i < bodies.length; i++) if (bodies[i].contains(node)) return true;
    return false;
  };
  document.addEventListener('selectionchange', function () {
    var sel = window.getSelection();
    if (!quoteLink || !sel || sel.isCollapsed || !sel.rangeCount) return;
    var quote = String(sel).trim();
    if (!quote || !inBody(sel.getRangeAt(0).commonAncestorContainer)) return;
    quoteLink.setAttribute('href', target(quote));
    quoteLink.hidden = false;
  });
  document.addEventListener('keydown', function (e) {
    if (!(e.ctrlKey || e.metaKey) || e.key !== 'Enter') return;
    var sel = String(window.getSelection() || '').trim();
    if (!sel) return;
    e.preventDefault();
    window.location.href = target(sel);
  });
})();`;
