//! The words of `postrum doctor`, by check code ({0}, {1} are its facts).

/// (code, Swedish, English)
pub const CHECKS: &[(&str, &str, &str)] = &[
    ("unreachable", "Servern går inte att nå: {0}", "The server cannot be reached: {0}"),
    ("local", "En lokal brevlåda (Maildir): inget att kontrollera på en server.", "A local mailbox (Maildir): nothing to check on a server."),
    ("login", "Inloggad; brevlådan {0} har {1} {1|meddelande|meddelanden}.", "Logged in; the mailbox {0} holds {1} {1|message|messages}."),
    ("shared", "Brevlådan delas med behörigheter (ACL): journalen, papperskorgen och skickat är brevlådans egna under {0}, aldrig dina privata.", "The mailbox is shared by ACL: its journal, Trash and Sent are its own under {0}, never your private ones."),
    ("status_keywords", "Status sparas som nyckelord på meddelandena och i journalen {0}: kollegor ser vem som gjort vad.", "Status is kept as keywords on the messages and in the journal {0}: colleagues see who did what."),
    ("status_journal", "Servern sparar inga egna nyckelord: status och vem som tog ett meddelande först finns bara i journalen {0}.", "The server keeps no custom keywords: status and who took a message first live in the journal {0} alone."),
    ("journal", "Journalen {0} finns.", "The journal {0} exists."),
    ("journal_created", "Journalen {0} finns inte än; den skapas vid första åtgärden.", "The journal {0} does not exist yet; it is made at the first action."),
    ("journal_missing", "Journalen {0} finns inte, och i en delad brevlåda kan den inte skapas av dig: be administratören skapa den med rättigheterna lrswi för alla som arbetar i brevlådan.", "The journal {0} does not exist, and in a shared mailbox you cannot make it: ask the administrator to create it with the rights lrswi for everyone who works the mailbox."),
    ("delete", "Radering: meddelandet märks \\Deleted och tas bort med UID EXPUNGE.", "Deleting: the message is marked \\Deleted and removed with UID EXPUNGE."),
    ("delete_no_uidplus", "Radering: servern saknar UIDPLUS, så meddelandet tas bort med EXPUNGE — bara när inget annat i mappen är märkt \\Deleted; har någon annan märkt något väntar raderingen och säger varför (deras markering rörs aldrig).", "Deleting: the server has no UIDPLUS, so the message is removed with EXPUNGE — only when nothing else in the folder is marked \\Deleted; when someone else has marked something, the deletion waits and says why (their mark is never touched)."),
    ("purge", "Meddelandets egna kopior (samma Message-ID, storlek och ankomsttid) och det postrum skickat om det tas bort ur {0}.", "The message's own copies (the same Message-ID, size and arrival time) and what postrum sent about it are removed from {0}."),
    ("purge_none", "Ingen papperskorg och ingen mapp för skickat hittades (servern märker inga mappar med SPECIAL-USE): kopior där tas inte bort. Ange trash och sent i kontot.", "No Trash and no Sent folder was found (the server marks no folders with SPECIAL-USE): copies there are not removed. Give trash and sent in the account."),
    ("purge_no_trash", "Ingen papperskorg hittades: kopior som hamnat där tas inte bort (ange trash i kontot). Det postrum skickat tas bort ur {0}.", "No Trash folder was found: copies that ended up there are not removed (give trash in the account). What postrum sent is removed from {0}."),
    ("purge_no_sent", "Ingen mapp för skickat hittades (ange sent i kontot). Meddelandets egna kopior tas bort ur {0}.", "No Sent folder was found (give sent in the account). The message's own copies are removed from {0}."),
    ("delete_gmail", "Radering som hos Gmail: meddelandet flyttas till {0} och tas bort där; kopior i {1} och skickat går samma väg.", "Deleting the Gmail way: the message is moved to {0} and expunged there; copies in {1} and Sent go the same way."),
    ("delete_gmail_no_trash", "Servern behåller borttagna meddelanden i Alla mail (Gmail) och har ingen papperskorg: ingenting kan raderas på riktigt.", "The server keeps expunged mail in All Mail (Gmail) and has no Trash: nothing can really be deleted."),
    ("clock", "Serverns klocka skiljer {0} s från din (vid din senaste journalpost).", "The server's clock differs by {0} s from yours (at your latest journal entry)."),
    ("clock_unknown", "Klockskillnaden mot servern syns först när du har skrivit i journalen.", "The clock offset to the server shows once you have written to the journal."),
    ("push", "Nya meddelanden och kollegors åtgärder syns direkt (IDLE).", "New mail and colleagues' actions show at once (IDLE)."),
    ("poll", "Servern saknar IDLE: postrum tittar efter ändringar var {0}:e sekund.", "The server has no IDLE: postrum looks for changes every {0} seconds."),
    ("changes", "Bara det som ändrats hämtas vid varje uppdatering (CONDSTORE).", "Only what changed is fetched at each refresh (CONDSTORE)."),
    ("changes_full", "Servern saknar CONDSTORE: vid varje uppdatering frågar postrum vilka meddelanden som är besvarade eller har status (SEARCH), i stället för att läsa alla flaggor.", "The server has no CONDSTORE: at each refresh postrum asks which messages are answered or carry a status (SEARCH), instead of reading every flag."),
    ("sent_server", "Servern sparar själv det som skickas (Gmail): ingen extra kopia läggs i skickat.", "The server keeps its own copy of what is sent (Gmail): no second copy goes to Sent."),
    ("sent_copy", "En kopia av det som skickas läggs i {0}.", "A copy of what is sent goes to {0}."),
    ("sent_none", "Ingen mapp för skickat hittades: skickad e-post sparas inte på servern.", "No Sent folder was found: sent mail is not kept on the server."),
    ("signin", "Inloggning med OAuth hos {0}, sparad i {1} (bara du kan läsa filen); postrum hämtar nya åtkomstnycklar själv och använder inget lösenord.", "Signed in with OAuth at {0}, kept in {1} (only you can read the file); postrum fetches new access tokens by itself and uses no password."),
    ("signin_keyring", "Inloggning med OAuth hos {0}, sparad i systemets nyckelring; postrum hämtar nya åtkomstnycklar själv och använder inget lösenord.", "Signed in with OAuth at {0}, kept in the system keyring; postrum fetches new access tokens by itself and uses no password."),
    ("signin_none", "Inte inloggad hos {0}: logga in med postrum login.", "Not signed in at {0}: sign in with postrum login."),
    ("signin_scopes", "Inloggningen ger behörigheterna {0}.", "The sign-in grants {0}."),
    ("signin_scope_missing", "Inloggningen saknar behörigheten {0}. Be IT lägga till den i appregistreringen (med administratörsgodkännande) och logga sedan in igen.", "The sign-in lacks {0}. Ask IT to add it to the app registration (with admin consent), then sign in again."),
    ("signin_shared", "Du loggar in som {0} och öppnar den delade brevlådan {1}: hos Microsoft 365 behöver {0} Fullständig åtkomst (FullAccess) för att läsa och Skicka som (Send As) för att skicka.", "You sign in as {0} and open the shared mailbox {1}: at Microsoft 365, {0} needs FullAccess to read and Send As to send."),
    ("sent_server_exchange", "Servern (Exchange) lägger själv det som skickas i {0}: postrum lägger ingen extra kopia där.", "The server (Exchange) files what is sent in {0} by itself: postrum puts no second copy there."),
    ("smtp_none", "Ingen server för utgående e-post är inställd: postrum skickar ingenting (fördelning, kvittens, svar).", "No outgoing mail server is set up: postrum sends nothing (forwards, kvittens, replies)."),
    ("smtp_no_from", "Brevlådan har ingen egen avsändaradress (address i kontot eller --address).", "The mailbox has no address of its own to send from (address in the account, or --address)."),
    ("smtp", "Utgående e-post via {0}: inloggningen fungerar.", "Outgoing mail through {0}: the login works."),
    ("smtp_fails", "Utgående e-post via {0} fungerar inte: {1}", "Outgoing mail through {0} does not work: {1}"),
];

/// The words for a check code in a language (`sv` or not).
pub fn words(code: &str, lang: super::Lang) -> &'static str {
    let sv = lang == super::Lang::Sv;
    CHECKS.iter().find(|(c, _, _)| *c == code).map_or("", |(_, s, e)| if sv { s } else { e })
}
