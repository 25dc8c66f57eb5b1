/* Trellis tracking snippet. Plain ES5, no dependencies; see README "Tracking snippet".
   Keeps the click ids partner links add (?tclid=) in a first-party cookie, last 10, oldest first. */
(function (w, d) {
  var s = d.currentScript, attr = function (n) { return s && s.getAttribute('data-' + n); };
  var base = s ? s.src.replace(/\/t\.js([?#].*)?$/, '') : '';
  var name = attr('cookie') || 'trellis_tclid';
  var days = parseInt(attr('window-days'), 10) || 90;
  var T = w.Trellis = w.Trellis || {};

  function ids() {
    var m = d.cookie.match(new RegExp('(?:^|;\\s*)' + name + '=([A-Za-z0-9_.-]+)'));
    return m ? m[1].split('.') : [];
  }

  function store(id) {
    var list = ids(), i;
    for (i = list.length - 1; i >= 0; i--) { if (list[i] === id) { list.splice(i, 1); } }
    list.push(id);
    var c = name + '=' + list.slice(-10).join('.') + '; Max-Age=' + days * 86400 + '; Path=/; SameSite=Lax';
    if (attr('cookie-domain')) { c += '; Domain=' + attr('cookie-domain'); }
    if (w.location.protocol === 'https:') { c += '; Secure'; }
    d.cookie = c;
  }

  function fill() {
    var id = T.clickId(), f = d.querySelectorAll('input[name="tclid"],input[data-trellis-click-id]'), i;
    for (i = 0; id && i < f.length; i++) { if (!f[i].value) { f[i].value = id; } }
  }

  /** The visitor's click ids within the window, oldest first. */
  T.clickIds = ids;
  /** The latest click id, or null: put it in checkout forms or Stripe's client_reference_id. */
  T.clickId = function () { var l = ids(); return l.length ? l[l.length - 1] : null; };

  /** Reports a lead with the publishable key: T.lead({ customerId: 'u_42', eventId: 'signup-42' }). */
  T.lead = function (lead) {
    lead = lead || {};
    var body = {
      key: attr('key'), customerId: lead.customerId, eventName: lead.eventName, clickId: T.clickId(), clickIds: T.clickIds(),
      eventId: lead.eventId || ('b' + new Date().getTime().toString(36) + Math.random().toString(36).slice(2))
    };
    // text/plain keeps it a simple request (no preflight); keepalive lets it finish while the page unloads.
    return w.fetch(base + '/t/' + attr('program') + '/leads', {
      method: 'POST', mode: 'cors', keepalive: true, headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body)
    }).then(function (r) { return r.json(); });
  };

  var m = /[?&]tclid=([A-Za-z0-9_-]+)/.exec(w.location.search);
  if (m) { store(m[1]); }
  if (d.readyState === 'loading') { d.addEventListener('DOMContentLoaded', fill); } else { fill(); }
})(window, document);
