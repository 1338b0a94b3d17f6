// The virtual keypad: each button presses the fake keypad behind this booth's web shell, through the
// same guarded bridge the booth's page uses (the token is in this page's address too).
'use strict';
(function () {
  var token = new URLSearchParams(location.search).get('token') || '';
  var status = document.getElementById('status');
  var socket = new WebSocket('ws://' + location.host + '/bridge?token=' + encodeURIComponent(token));
  var next = 1;
  socket.addEventListener('open', function () { status.textContent = 'Collegato alla cabina.'; });
  socket.addEventListener('close', function () { status.textContent = 'Non collegato alla cabina.'; });
  document.querySelectorAll('button[data-button]').forEach(function (button) {
    button.addEventListener('click', function () {
      socket.send(JSON.stringify({ id: next++, method: 'pressKeypad', input: { button: button.dataset.button } }));
      status.textContent = 'Premuto: ' + button.textContent;
    });
  });
})();
