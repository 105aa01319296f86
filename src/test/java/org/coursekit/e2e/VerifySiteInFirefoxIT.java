package org.coursekit.e2e;

/** The verification site's scenarios ({@link VerifySiteIT}) in Firefox. */
class VerifySiteInFirefoxIT extends VerifySiteIT {
    VerifySiteInFirefoxIT() {
        super(Engine.FIREFOX);
    }
}
