/** Data mixtures: the check proportion columns pass, and how predictions rank mixtures. */
package dev.slaw.mixture;
