/* wealth: written next (issue 14). */
'use strict';
