/** The guide's best practice: authorize from a service account, not a person. */
export function ServiceAccountAdvice() {
  return (
    <aside class="service-account card" aria-labelledby="service-account">
      <h3 id="service-account">Best practice: authorize with a service account</h3>
      <p>
        In production, authorize Firebreak from a Slack account that belongs to no one person, with a name nobody will
        mistake for a colleague (for example “Incident Bot Admin”). Firebreak is then owned by that account, and:
      </p>
      <ul>
        <li>the integration keeps working when the person who set it up leaves the workspace;</li>
        <li>no person appears to be present in incidents they never joined.</li>
      </ul>
      <p class="hint">
        The account must be able to sign in to Firebreak (so it needs an email inbox). It does not need to be a Slack
        admin; a full member can install Firebreak.
      </p>
    </aside>
  );
}
