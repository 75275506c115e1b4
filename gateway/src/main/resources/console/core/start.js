/* Last script: every screen has registered itself. */
'use strict';
window.A.start();
