package org.coursekit.e2e;

/** The verification site's scenarios ({@link VerifySiteIT}) in Chromium. */
class VerifySiteInChromiumIT extends VerifySiteIT {
    VerifySiteInChromiumIT() {
        super(Engine.CHROMIUM);
    }
}
