"""Estonian texts of the interface: the source of webui/translations/et/LC_MESSAGES/messages.po.

``python -m webui.i18n`` extracts the messages, merges these texts into the catalogues and
compiles them. Plurals are (singular, plural)."""

ET: dict[str, str | tuple[str, str]] = {
    "possible, but opens a gap": "võimalik, aga jätab augu",
    "%(code)s: %(n)s on duty, minimum %(minimum)s, desired %(desired)s. Who can take it?":
        "%(code)s: valves %(n)s, miinimum %(minimum)s, soovitav %(desired)s. Kes saab selle võtta?",
    "%(count)s speakers of %(lang)s but only %(most)s people.": "%(count)s keele %(lang)s kõnelejat, aga inimesi on vaid %(most)s.",
    "%(name)s added.": "%(name)s lisatud.",
    "%(name)s does not work on %(code)s (not active or not in that service): nothing was changed.":
        "%(name)s ei tööta vahetuses %(code)s (pole aktiivne või pole selles teenuses): midagi ei muudetud.",
    "%(name)s is active again.": "%(name)s on jälle aktiivne.",
    "%(name)s saved.": "%(name)s salvestatud.",
    "%(name)s takes over %(code)s from %(other)s on %(day)s.":
        "%(name)s võtab %(day)s vahetuse %(code)s üle, %(other)s on vaba.",
    "%(name)s was deactivated.": "%(name)s on deaktiveeritud.",
    "%(name)s, %(day)s: %(code)s saved.": "%(name)s, %(day)s: %(code)s salvestatud.",
    "%(num)d change against the rota": ("%(num)d muudatus graafikus", "%(num)d muudatust graafikus"),
    "%(num)d change since last publish": ("%(num)d muudatus pärast viimast avaldamist",
                                          "%(num)d muudatust pärast viimast avaldamist"),
    "%(num)d change since last publish (version %(v)s)": (
        "%(num)d muudatus pärast viimast avaldamist (versioon %(v)s)",
        "%(num)d muudatust pärast viimast avaldamist (versioon %(v)s)"),
    "%(num)d hard violation: %(reasons)s": ("%(num)d range rikkumine: %(reasons)s",
                                           "%(num)d ranget rikkumist: %(reasons)s"),
    "%(num)d hard violation: the rota cannot be published": (
        "%(num)d range rikkumine: graafikut ei saa avaldada",
        "%(num)d ranget rikkumist: graafikut ei saa avaldada"),
    "%(num)d warning": ("%(num)d hoiatus", "%(num)d hoiatust"),
    "%(num)d breach of the working-time law on days already past":
        ("%(num)d tööaja seaduse rikkumine möödunud päevadel", "%(num)d tööaja seaduse rikkumist möödunud päevadel"),
    "Recorded as it happened: no plan can undo it, so it does not stop publishing. Keep it in mind for the rest and hours of the people named.":
        "Kirja pandud nii, nagu see oli: ükski plaan ei saa seda tagasi pöörata, seega see ei takista avaldamist. "
        "Arvesta sellega nimetatud inimeste puhkeaja ja töötundide juures.",
    "A colour such as #c0392b.": "Värv, näiteks #c0392b.",
    "A more specific need replaces a general one: one date, then public holidays, then weekdays or weekends, then every day.":
        "Täpsem vajadus asendab üldisema: kuupäev, siis riigipühad, siis tööpäevad või nädalavahetus, siis iga päev.",
    "A shift cannot end when it starts (a 24 h shift needs long shifts allowed in the work rules).":
        "Vahetus ei saa lõppeda samal kellaajal, kui algab (24-tunnine vahetus on lubatud ainult siis, "
        "kui tööreeglid lubavad pikki vahetusi).",
    "A solve is running for this month.": "Selle kuu koostamine käib.",
    "A solve of this month is already running.": "Selle kuu koostamine juba käib.",
    "A window cannot end when it starts.": "Ajavahemik ei saa lõppeda samal kellaajal, kui algab.",
    "Absence deleted.": "Puudumine kustutatud.",
    "Absence saved. Re-plan the month if it is already planned.": "Puudumine salvestatud. Kui kuu on juba planeeritud, planeeri see ümber.",
    "Absences": "Puudumised",
    "Absences entered by the team lead": "Meeskonnajuhi sisestatud puudumised",
    "Accounting period": "Arvestusperiood",
    "Accounting period (months)": "Arvestusperiood (kuud)",
    "Activate": "Aktiveeri",
    "Add a need": "Lisa vajadus",
    "Add a person": "Lisa inimene",
    "Add a service": "Lisa teenus",
    "Add a shift type": "Lisa vahetuse liik",
    "Add an absence": "Lisa puudumine",
    "Add an event": "Lisa sündmus",
    "Add wish": "Lisa soov",
    "After": "Pärast",
    "An end at or before the start crosses midnight.": "Kui lõpp on algusest varem või samal ajal, läheb vahetus üle südaöö.",
    "Another month (yyyy-mm)": "Muu kuu (aaaa-kk)",
    "Another person has this id.": "Sellise tunnusega inimene on juba olemas.",
    "Assign": "Määra",
    "At least the minimum.": "Vähemalt miinimum.",
    "At most a year at a time.": "Korraga kõige rohkem aasta.",
    "Attendees": "Osalejad",
    "Back to the start page": "Tagasi avalehele",
    "Balance": "Saldo",
    "Before": "Enne",
    "Between 0.1 and 1.0.": "Vahemikus 0,1 kuni 1,0.",
    "Breaks count as working time": "Vaheajad on tööaeg",
    "Calendar feed": "Kalendrivoog",
    "Cancel": "Tühista",
    "Cancelling: the solver stops within a second or two.": "Tühistan: koostamine peatub sekundi-paari jooksul.",
    "Candidates": "Kandidaadid",
    "Change language": "Vaheta keelt",
    "Channel": "Kanal",
    "Channels": "Kanalid",
    "Check": "Kontroll",
    "Choose a day in %(month)s.": "Vali päev kuust %(month)s.",
    "Choose a shift or give the window's hours.": "Vali vahetus või anna ajavahemiku kellaajad.",
    "Choose at least one attendee.": "Vali vähemalt üks osaleja.",
    "Choose at least one weekday.": "Vali vähemalt üks nädalapäev.",
    "Enter a wish for someone": "Sisesta kellegi soov",
    "Take it as the draft": "Võta see mustandiks",
    "The best rota found leaves %(num)d place empty. Take it as the draft and fill the gap by hand, instead of "
    "building the month from nothing?": (
        "Parim leitud graafik jätab %(num)d koha tühjaks. Kas võtta see mustandiks ja täita lünk käsitsi, selle "
        "asemel et kuu nullist koostada?",
        "Parim leitud graafik jätab %(num)d kohta tühjaks. Kas võtta see mustandiks ja täita lüngad käsitsi, "
        "selle asemel et kuu nullist koostada?"),
    "The draft is the best rota found, with %(num)d place empty (red on the grid): fill it by hand, or change the "
    "needs, absences or pinned cells, before publishing.": (
        "Mustand on parim leitud graafik, %(num)d koht on tühi (ruudustikus punane): täida see käsitsi või muuda "
        "vajadusi, puudumisi või kinnitatud lahtreid enne avaldamist.",
        "Mustand on parim leitud graafik, %(num)d kohta on tühjad (ruudustikus punased): täida need käsitsi või "
        "muuda vajadusi, puudumisi või kinnitatud lahtreid enne avaldamist."),
    "Choose a day from today on.": "Vali päev alates tänasest.",
    "You are not employed on %(day)s (contract dates).": "Sa ei ole %(day)s tööl (töösuhte kuupäevad).",
    "%(name)s is not employed on %(day)s (contract dates).": "%(name)s ei ole %(day)s tööl (töösuhte kuupäevad).",
    "A wish asked by phone, or of someone without a login: checked as their own, without the request deadline.":
        "Telefoni teel edastatud soov või kasutajakontota inimese soov: kontrollitakse nagu tema enda oma, kuid "
        "soovide tähtajata.",
    "Wish saved for %(name)s.": "Soov salvestatud: %(name)s.",
    "Wish of %(name)s deleted.": "Inimese %(name)s soov kustutatud.",
    "%(name)s does not work on %(code)s (service %(service)s).": "%(name)s ei tööta vahetuses %(code)s (teenus %(service)s).",
    "%(name)s is away during %(code)s on %(day)s (%(absence)s): no rota can give them that shift.":
        "%(name)s on vahetuse %(code)s ajal %(day)s eemal (%(absence)s): ükski graafik ei saa talle seda vahetust anda.",
    "%(name)s already has this wish for %(day)s (weight %(weight)s): delete it first to change its weight.":
        "Inimesel %(name)s on see soov %(day)s juba olemas (kaal %(weight)s): kaalu muutmiseks kustuta see enne.",
    "This contradicts the wish of %(name)s for %(day)s: %(wish)s. Delete that one first.":
        "See on vastuolus inimese %(name)s sooviga %(day)s: %(wish)s. Kustuta see enne.",
    "None: the shift type is retired — kept for the rotas that have it, no longer planned or offered.":
        "Mitte ühtegi: vahetuse liik on kasutusest maas — jääb graafikutesse, kus see on, kuid seda enam ei "
        "planeerita ega pakuta.",
    "retired": "kasutusest maas",
    "Only %(code)s runs in the window %(window)s of a coverage need: change or delete that need first (Coverage "
    "needs), or no rota could meet it.":
        "Vajaduse ajavahemikus %(window)s töötab ainult %(code)s: muuda või kustuta see vajadus enne (Vajadused), "
        "muidu ei saaks ükski graafik seda täita.",
    "%(num)d wish for %(code)s from today on was removed: the shift type is retired.": (
        "%(num)d soov vahetusele %(code)s alates tänasest eemaldati: vahetuse liik on kasutusest maas.",
        "%(num)d soovi vahetusele %(code)s alates tänasest eemaldati: vahetuse liik on kasutusest maas."),
    "%(num)d coverage need asks for %(code)s: change or delete it first (Coverage needs), or no rota could meet it.": (
        "%(num)d vajadus nõuab vahetust %(code)s: muuda või kustuta see enne (Vajadused), muidu ei "
        "saaks ükski graafik seda täita.",
        "%(num)d vajadust nõuavad vahetust %(code)s: muuda või kustuta need enne (Vajadused), muidu ei "
        "saaks ükski graafik neid täita."),
    "Click a cell to change the shift or pin it.": "Klõpsa lahtril, et vahetust muuta või lukustada.",
    "Code": "Kood",
    "Colour": "Värv",
    "Comma-separated, e.g. et, ru, en": "Komaga eraldatud, nt et, ru, en",
    "Comma-separated, e.g. phone, chat": "Komaga eraldatud, nt phone, chat",
    "Counsellor": "Nõustaja",
    "Coverage": "Kaetus",
    "Coverage need deleted.": "Vajadus kustutatud.",
    "Coverage need saved.": "Vajadus salvestatud.",
    "Coverage needs": "Vajadused",
    "Date": "Kuupäev",
    "Day": "Päev",
    "Days": "Päevad",
    "Deactivate": "Deaktiveeri",
    "Delete": "Kustuta",
    "Delete this absence?": "Kas kustutada see puudumine?",
    "Delete this event?": "Kas kustutada see sündmus?",
    "Delete this need?": "Kas kustutada see vajadus?",
    "Desired": "Soovitav",
    "Discard draft": "Loobu mustandist",
    "Discard the draft?": "Kas loobuda mustandist?",
    "Draft": "Mustand",
    "E-mail": "E-post",
    "Each person is put on the shift in the rota instead of %(name)s (their own shift that day is replaced) and the month is checked again. Possible ones first, furthest below their norm first.":
        "Iga inimene pannakse graafikus sellesse vahetusse (praegu: %(name)s; tema enda selle päeva vahetus asendatakse) ja kuu kontrollitakse uuesti. Ees on võimalikud, nende seas kõige rohkem normist alla jäävad.",
    "Each person of the service is put on the shift in the rota (their own shift that day is replaced) and the month is checked again. Possible ones first, furthest below their norm first.":
        "Iga selle teenuse inimene pannakse graafikus sellesse vahetusse (tema enda selle päeva vahetus asendatakse) ja kuu kontrollitakse uuesti. Ees on võimalikud, nende seas kõige rohkem normist alla jäävad.",
    "Each shift of their services is tried in the rota and the month is checked again.":
        "Iga tema teenuste vahetus proovitakse graafikus läbi ja kuu kontrollitakse uuesti.",
    "Edit": "Muuda",
    "Edit %(name)s": "Muuda: %(name)s",
    "Edit coverage need": "Muuda vajadust",
    "Edit event": "Muuda sündmust",
    "Edit service %(code)s": "Muuda teenust %(code)s",
    "Edit shift type %(code)s": "Muuda vahetuse liiki %(code)s",
    "Entered by the person as unavailability: it lowers no norm. Another kind or person makes it your absence: "
    "it lowers the norm as yours do, and the person can no longer delete it.":
        "Inimese enda sisestatud mittesaadavus: see ei vähenda normi. Muu liik või inimene teeb sellest sinu "
        "sisestatud puudumise: see vähendab normi nagu sinu sisestatud puudumised ja inimene ei saa seda enam "
        "kustutada.",
    "Elapsed": "Kulunud",
    "End": "Lõpp",
    "Event deleted.": "Sündmus kustutatud.",
    "Event saved.": "Sündmus salvestatud.",
    "Events": "Sündmused",
    "Everyone for %(code)s on this day": "Kõik selle päeva vahetuse %(code)s kandidaadid",
    "Expected a date as dd.mm.yyyy.": "Oodati kuupäeva kujul pp.kk.aaaa.",
    "Expected a time as HH:MM.": "Oodati kellaaega kujul HH:MM.",
    "Export": "Eksport",
    "FTE": "Koormus",
    "Fri": "R",
    "From": "Alates",
    "From time": "Alates kell",
    "Gap to the best bound": "Vahe parima piirini",
    "The rota's penalty is at most this far above the best rota possible: a proven bound, not a measure of how bad the rota is.":
        "Graafiku trahvipunktid on parimast võimalikust graafikust kõige rohkem nii palju kõrgemad: tõestatud piir, mitte hinnang graafiku halbusele.",
    "Generate month": "Koosta kuu",
    "Generate the month from scratch? The current draft will be replaced.": "Kas koostada kuu otsast peale? Praegune mustand asendatakse.",
    "Generating": "Koostan",
    "Give a password for the new login.": "Anna uuele kasutajale parool.",
    "Give both times or neither.": "Anna mõlemad kellaajad või mitte kumbagi.",
    "Give the date.": "Anna kuupäev.",
    "Hours": "Tunnid",
    "How much it matters (1–10)": "Kui oluline (1–10)",
    "I am not available": "Ma ei ole saadaval",
    "I want this shift": "Soovin seda vahetust",
    "Id": "Tunnus",
    "Kind": "Liik",
    "Language": "Keel",
    "Language minima": "Keelte miinimumid",
    "Languages": "Keeled",
    "Leave empty to keep the current password.": "Jäta tühjaks, et parool jääks samaks.",
    "Load (FTE)": "Koormus",
    "Log in": "Logi sisse",
    "Log out": "Logi välja",
    "Login": "Kasutaja",
    "Lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.":
        "Väiketähed, numbrid, '.', '_' või '-', alguses täht või number.",
    "May not start with =, +, - or @ (a spreadsheet would read it as a formula).":
        "Ei tohi alata märgiga =, +, - või @ (tabelarvutus loeks selle valemiks).",
    "Main": "Peamenüü",
    "May work nights": "Võib teha öövahetusi",
    "Employed from": "Tööl alates",
    "Load applies from": "Koormus kehtib alates",
    "Load before that day": "Koormus enne seda päeva",
    "The day a changed load applies from (the days before it keep the load before); empty: the load above applies "
    "throughout.":
        "Päev, millest muudetud koormus kehtib (varasematel päevadel jääb senine koormus); tühi: ülalolev koormus "
        "kehtib kogu aeg.",
    "Left empty when the load above was just changed: the load it had.":
        "Kui ülalolevat koormust just muudeti ja see jäetakse tühjaks: senine koormus.",
    "Give the load before that day.": "Anna koormus enne seda päeva.",
    "No shift type of %(code)s runs in this window: no rota could meet it (add a shift type first).":
        "Ükski teenuse %(code)s vahetus ei jää sellesse ajavahemikku: ükski graafik ei saaks seda täita (lisa enne "
        "vahetuse liik).",
    "Give the day the load applies from (or empty both fields: the load above throughout).":
        "Anna päev, millest koormus kehtib (või tühjenda mõlemad väljad: ülalolev koormus kehtib kogu aeg).",
    "The load change of %(day)s is in a month not published yet: publish that month first (its norm keeps the "
    "change), then record the next one.":
        "Koormuse muutus %(day)s on kuus, mis pole veel avaldatud: avalda enne see kuu (selle norm jätab muutuse "
        "alles), siis sisesta järgmine.",
    "%(fte)s before %(day)s": "%(fte)s enne %(day)s",
    "Employed until": "Tööl kuni",
    "Employed": "Töösuhe",
    "from %(day)s": "alates %(day)s",
    "until %(day)s": "kuni %(day)s",
    "not employed yet (from %(day)s)": "pole veel tööl (alates %(day)s)",
    "no longer employed (until %(day)s)": "pole enam tööl (kuni %(day)s)",
    "The first day of the employment contract; empty if it began before any month planned here.":
        "Töölepingu esimene päev; tühi, kui leping algas enne esimest siin planeeritud kuud.",
    "The last day of a fixed-term or ended contract; empty if open.":
        "Tähtajalise või lõppenud lepingu viimane päev; tühi, kui leping on tähtajatu.",
    "%(name)s has duties outside these dates (%(days)s): enter their absence from the day after their last "
    "working day (Absences) and re-plan that month first.":
        "%(name)s on nendest kuupäevadest väljaspool tööle planeeritud (%(days)s): sisesta esmalt puudumine alates "
        "viimasele tööpäevale järgnevast päevast (Puudumised) ja planeeri see kuu ümber.",
    "Minimum": "Miinimum",
    "Mon": "E",
    "Month": "Kuu",
    "Month h": "Kuu t",
    "Mon–Fri": "E–R",
    "My hours": "Minu tunnid",
    "My shifts": "Minu vahetused",
    "My wishes": "Minu soovid",
    "My wishes and unavailability": "Minu soovid ja mittesaadavus",
    "Name": "Nimi",
    "Name the shift.": "Nimeta vahetus.",
    "Need": "Vajadus",
    "New coverage need": "Uus vajadus",
    "New event": "Uus sündmus",
    "New password": "Uus parool",
    "New password again": "Uus parool uuesti",
    "%(time)s does not exist on the last Sunday of March (the clocks go forward from 03:00 to 04:00): choose a time "
    "before 03:00 or from 04:00.":
        "Kellaaega %(time)s märtsi viimasel pühapäeval ei ole (kellad keeratakse 03:00 pealt 04:00 peale): vali aeg "
        "enne 03:00 või alates 04:00.",
    "Current password": "Praegune parool",
    "Change password": "Muuda parooli",
    "At least 8 characters.": "Vähemalt 8 märki.",
    "The two new passwords differ.": "Kaks uut parooli on erinevad.",
    "This is not your current password.": "See ei ole sinu praegune parool.",
    "Your password was changed.": "Sinu parool on muudetud.",
    "New person": "Uus inimene",
    "New service": "Uus teenus",
    "New shift type": "Uus vahetuse liik",
    "Night hours": "Öötunnid",
    "Night shifts": "Öövahetused",
    "Nights": "Ööd",
    "No changes were needed.": "Muudatusi polnud vaja.",
    "The time limit ran out before this re-plan was proven the best: one with fewer changes may exist. A re-plan with a longer time limit searches further.":
        "Ajapiirang sai otsa enne, kui see ümberplaneerimine parimaks tõestati: võib leiduda vähemate muudatustega lahendus. Pikema ajapiiranguga ümberplaneerimine otsib edasi.",
    "No hard violations.": "Rangeid rikkumisi pole.",
    "No rota yet": "Graafikut veel pole",
    "No shift of this person's services runs that day.": "Selle inimese teenuste vahetusi sel päeval ei ole.",
    "No shifts this month.": "Sel kuul vahetusi pole.",
    "No wishes for coming months.": "Tulevasteks kuudeks soove pole.",
    "No wishes.": "Soove pole.",
    "Nobody else does this service.": "Keegi teine selles teenuses ei tööta.",
    "None.": "Pole.",
    "Norm": "Norm",
    "Not an e-mail address.": "See ei ole e-posti aadress.",
    "Not found.": "Ei leitud.",
    "Not published yet": "Veel avaldamata",
    "Not published: the rota has %(num)d hard violation. Fix it first.": (
        "Ei avaldatud: graafikus on %(num)d range rikkumine. Paranda see enne.",
        "Ei avaldatud: graafikus on %(num)d ranget rikkumist. Paranda need enne."),
    "Not tried (not in service %(service)s):": "Ei proovitud (pole teenuses %(service)s):",
    "Note": "Märkus",
    "Scheduled hours": "Graafikujärgsed tunnid",
    "The hours the published rota had planned for the person in the absence when it was entered: they lower the norm when absences reduce it by the scheduled hours.":
        "Tunnid, mis avaldatud graafik puudumise sisestamise ajal inimesele puudumise ajaks planeeris: need vähendavad "
        "normi, kui puudumised vähendavad normi graafikujärgsete tundide võrra.",
    "Nothing was changed: %(name)s cannot take %(code)s on %(day)s: %(reasons)s":
        "Midagi ei muudetud: %(name)s ei saa %(day)s vahetust %(code)s võtta: %(reasons)s",
    "Objective (penalty, lower is better)": "Sihifunktsioon (trahv, väiksem on parem)",
    "On duty": "Valves",
    "Only for part of a day.": "Ainult osa päeva puhul.",
    "Open": "Ava",
    "Open the rota": "Ava graafik",
    "Open until %(deadline)s.": "Avatud kuni %(deadline)s.",
    "Or leave on “window” and give the hours.": "Või jäta „ajavahemik“ ja anna kellaajad.",
    "Password": "Parool",
    "People": "Inimesed",
    "Period h": "Perioodi t",
    "Person": "Inimene",
    "Person id": "Inimese tunnus",
    "Pin (keep when re-solving)": "Lukusta (jääb ümberkoostamisel alles)",
    "Planned": "Planeeritud",
    "Planning": "Planeerimine",
    "Print": "Prindi",
    "Public holidays reduce the norm": "Riigipühad vähendavad normi",
    "Public-holiday hours": "Riigipüha tunnid",
    "Publish": "Avalda",
    "Published": "Avaldatud",
    "Published as version %(number)s. The team sees it now.": "Avaldatud versioonina %(number)s. Meeskond näeb seda nüüd.",
    "Published rota, version %(n)s": "Avaldatud graafik, versioon %(n)s",
    "Published, version %(n)s": "Avaldatud, versioon %(n)s",
    "Re-planning after sick leave": "Ümberplaneerimine haiguse tõttu",
    "Re-solve all but pinned cells": "Koosta uuesti, lukustatud lahtrid jäävad",
    "Re-solving around the pins": "Koostan uuesti lukustatud lahtrite ümber",
    "Record and re-plan": "Salvesta ja planeeri ümber",
    "Reload the page to see the progress.": "Edenemise nägemiseks laadi leht uuesti.",
    "Role": "Roll",
    "Rota": "Graafik",
    "Rota: people in rows, days in columns": "Graafik: inimesed ridades, päevad veergudes",
    "Sat": "L",
    "Sat–Sun": "L–P",
    "Save": "Salvesta",
    "Save and check": "Salvesta ja kontrolli",
    "Service": "Teenus",
    "Service %(code)s saved.": "Teenus %(code)s salvestatud.",
    "Services": "Teenused",
    "Services and shifts": "Teenused ja vahetused",
    "Settings": "Seaded",
    "Settings saved.": "Seaded salvestatud.",
    "Shift": "Vahetus",
    "Shift or window": "Vahetus või ajavahemik",
    "Shift type %(code)s saved.": "Vahetuse liik %(code)s salvestatud.",
    "Shift types": "Vahetuste liigid",
    "Shifts %(name)s could take on this day": "Vahetused, mida saaks sel päeval võtta: %(name)s",
    "Shifts of the day": "Päeva vahetused",
    "Show progress": "Näita edenemist",
    "Sick from": "Haige alates",
    "Sick leave": "Haigusleht",
    "Sick leave → re-plan": "Haigusleht → planeeri ümber",
    "Sick until": "Haige kuni",
    "Solutions found": "Leitud lahendusi",
    "Solver time limit (s)": "Koostamise ajapiirang (s)",
    "Solving": "Koostan",
    "Someone else changed this in the meantime. Your changes were not saved: the form now shows the current values.":
        "Keegi teine muutis seda vahepeal. Sinu muudatusi ei salvestatud: vorm näitab nüüd kehtivaid väärtusi.",
    "Start": "Algus",
    "Status": "Olek",
    "Sun": "P",
    "TLS § 46: 1–4 months, 12 only by collective agreement.": "TLS § 46: 1–4 kuud, 12 ainult kollektiivlepinguga.",
    "TLS § 47: e.g. counsellors eat on duty.": "TLS § 47: nt nõustajad söövad valves olles.",
    "TLS § 52 (2): at least 36 h; 47 h as the Labour Inspectorate reads it.": "TLS § 52 (2): vähemalt 36 h; 47 h Tööinspektsiooni tõlgenduses.",
    "TLS § 53; Supreme Court 3-2-1-69-17 allows otherwise.": "TLS § 53; Riigikohus 3-2-1-69-17 lubab ka teisiti.",
    "Team and rules": "Meeskond ja reeglid",
    "Team lead": "Juht",
    "Team name": "Meeskonna nimi",
    "Team rota": "Meeskonna graafik",
    "Supervision, covision and training": "Supervisioon, kovisioon ja koolitus",
    "That day now": "Sel päeval praegu",
    "The absence is recorded; everything before its first day is kept, and the rest is re-planned as close as possible to the published rota. Days already past stay as they happened: the sick person's duties there are taken off, and you record who stood in by editing those cells. The result is a draft with the list of changes.":
        "Puudumine salvestatakse; kõik enne selle esimest päeva jääb alles ja ülejäänu planeeritakse ümber avaldatud graafikule võimalikult lähedal. Möödunud päevad jäävad nii, nagu need olid: haigestunu vahetused eemaldatakse neilt ja asendaja märgid nende lahtrite muutmisega. Tulemus on mustand koos muudatuste loeteluga.",
    "The draft was discarded.": "Mustandist loobuti.",
    "The end is not after the start.": "Lõpp ei ole pärast algust.",
    "The last day is before the first.": "Viimane päev on enne esimest.",
    "The month has no hard violations.": "Kuus pole rangeid rikkumisi.",
    "The month still has %(num)d hard violation elsewhere.": (
        "Kuus on mujal veel %(num)d range rikkumine.", "Kuus on mujal veel %(num)d ranget rikkumist."),
    "The norm is the working-time norm of the month after absences (TLS § 43, § 53); a positive balance means hours above the norm.":
        "Norm on kuu tööajanorm pärast puudumisi (TLS § 43, § 53); positiivne saldo tähendab tunde üle normi.",
    "The rota of this month changed since you opened the page (someone else edited, generated or published it). Nothing was changed: look at the current rota and try again.":
        "Selle kuu graafik muutus pärast lehe avamist (keegi teine muutis, koostas või avaldas selle). Midagi ei muudetud: vaata kehtivat graafikut ja proovi uuesti.",
    "The rota of this month is not published yet.": "Selle kuu graafik pole veel avaldatud.",
    "The rota of this month is not published yet: the planned hours are only the events you attend (supervision, "
    "training).": "Selle kuu graafik pole veel avaldatud: planeeritud tunnid on ainult sündmused, kus osaled "
                  "(supervisioon, koolitus).",
    "The sick leave must touch %(month)s.": "Haigusleht peab puudutama kuud %(month)s.",
    "The solver could not meet every minimum": "Kõiki miinimume ei õnnestunud täita",
    "The solver tries to meet these; they are soft goals, weighted by how much they matter.":
        "Koostaja püüab neid täita; need on pehmed eesmärgid, kaalutud olulisuse järgi.",
    "There is no draft to publish.": "Avaldamiseks pole mustandit.",
    "This code is taken.": "See kood on juba kasutusel.",
    "This month has no rota yet: generate it first.": "Sellel kuul pole veel graafikut: koosta see enne.",
    "This shift belongs to service %(code)s.": "See vahetus kuulub teenusele %(code)s.",
    "This shift does not run on this day.": "Seda vahetust sel päeval ei ole.",
    "This shift is covered as desired.": "See vahetus on soovitud määral kaetud.",
    "This username is taken.": "See kasutajanimi on juba kasutusel.",
    "Thu": "N",
    "Time": "Aeg",
    "Time limit (s)": "Ajapiirang (s)",
    "Time limit: %(error)s": "Ajapiirang: %(error)s",
    "To": "Kuni",
    "To time": "Kuni kell",
    "Too many failed attempts. Try again in %(minutes)s minutes.": "Liiga palju ebaõnnestunud katseid. Proovi uuesti %(minutes)s minuti pärast.",
    "Too many requests.": "Liiga palju päringuid.",
    "Tue": "T",
    "Unavailability": "Mittesaadavus",
    "Unavailability deleted.": "Mittesaadavus kustutatud.",
    "Unavailability saved.": "Mittesaadavus salvestatud.",
    "Use two-letter language codes such as et, ru, en.": "Kasuta kahetähelisi keelekoode, nt et, ru, en.",
    "Username": "Kasutajanimi",
    "Versions": "Versioonid",
    "Wed": "K",
    "Weekdays": "Nädalapäevad",
    "Weekend days": "Nädalavahetuse päevad",
    "Weekends": "Nädalavahetused",
    "Weekly rest (h)": "Iganädalane puhkeaeg (h)",
    "Weight": "Kaal",
    "Who can take %(code)s on %(day)s?": "Kes saab võtta vahetuse %(code)s (%(day)s)?",
    "Who could take over %(code)s from %(name)s?": "Kes saaks vahetuse %(code)s üle võtta? (praegu: %(name)s)",
    "Whose work": "Kelle töö",
    "Window from": "Ajavahemik alates",
    "Window to": "Ajavahemik kuni",
    "Wish": "Soov",
    "Wish deadline": "Soovide tähtaeg",
    "Wish deleted.": "Soov kustutatud.",
    "Wish saved.": "Soov salvestatud.",
    "Wishes": "Soovid",
    "Wishes for %(month)s closed on %(deadline)s.": "Soovid kuuks %(month)s suleti %(deadline)s.",
    "Wishes for a month close on this day of the month before.": "Kuu soovid sulguvad eelmise kuu sellel päeval.",
    "Wishes met": "Täidetud soovid",
    "you are away then: the team lead is to re-plan it": "oled siis eemal: meeskonnajuht planeerib selle ümber",
    "Nothing was solved: the days already past hold duties of people set inactive since (%(cells)s), which a solve cannot keep. Set them active again until the month is over (give the rest of the month as their absence), then solve.":
        "Midagi ei lahendatud: möödunud päevadel on vahetusi inimestel, kes on vahepeal mitteaktiivseks muudetud "
        "(%(cells)s), ja lahendaja ei saa neid alles hoida. Muuda nad kuu lõpuni uuesti aktiivseks (ülejäänud kuu "
        "märgi nende puudumiseks) ja lahenda siis.",
    "Wishes of the team": "Meeskonna soovid",
    "Write language=count pairs, e.g. ru=1, en=1.": "Kirjuta paarid keel=arv, nt ru=1, en=1.",
    "Wrong username or password.": "Vale kasutajanimi või parool.",
    "You are not in this month's rota.": "Sind ei ole selle kuu graafikus.",
    "You cannot deactivate yourself.": "Iseennast ei saa deaktiveerida.",
    "You do not have access to this page.": "Sul pole sellele lehele ligipääsu.",
    "You have logged out.": "Oled välja logitud.",
    "abs": "puud",
    "absent": "puudub",
    "active": "aktiivne",
    "back to the current version": "tagasi kehtiva versiooni juurde",
    "back to the rota": "tagasi graafikusse",
    "cancelled": "tühistatud",
    "counsellor": "nõustaja",
    "covision": "kovisioon",
    "day off": "vaba päev",
    "done": "valmis",
    "e.g. ru=1, en=1": "nt ru=1, en=1",
    "entered by the person": "inimese enda sisestatud",
    "event": "sündmus",
    "every day": "iga päev",
    "failed": "ebaõnnestus",
    "gap": "vahe",
    "hard violation": "range rikkumine",
    "hard violation (hover for the reason)": "range rikkumine (põhjus hiirekursori all)",
    "hours above (+) or below (−) the norm this month, after the change":
        "tunnid üle (+) või alla (−) normi sel kuul pärast muudatust",
    "inactive": "mitteaktiivne",
    "meeting": "koosolek",
    "minimum %(minimum)s, desired %(desired)s": "miinimum %(minimum)s, soovitav %(desired)s",
    "moves from %(code)s": "liigub vahetusest %(code)s",
    "next": "järgmine",
    "night shifts": "öövahetused",
    "no": "ei",
    "nobody": "mitte keegi",
    "not possible": "ei ole võimalik",
    "not this shift": "mitte see vahetus",
    "off": "vaba",
    "one date": "üks kuupäev",
    "other": "muu",
    "other absence": "muu puudumine",
    "payroll CSV": "palga-CSV",
    "pinned": "lukustatud",
    "planned / norm hours in the accounting period to the end of this month":
        "planeeritud / normtunnid arvestusperioodis selle kuu lõpuni",
    "Norm of the whole accounting period": "Kogu arvestusperioodi norm",
    "Unavailability does not lower your norm: the month's hours are planned on other days. Vacation and sick "
    "leave are entered by the team lead.":
        "Mittesaadavus ei vähenda sinu normi: kuu tunnid planeeritakse teistele päevadele. Puhkuse ja "
        "haiguslehe sisestab meeskonnajuht.",
    "planned / norm hours this month": "planeeritud / normtunnid sel kuul",
    "planned / norm hours this month, after the change": "planeeritud / normtunnid sel kuul pärast muudatust",
    "possible": "võimalik",
    "previous": "eelmine",
    "print view": "prindivaade",
    "public holiday": "riigipüha",
    "public holidays": "riigipühad",
    "queued": "järjekorras",
    "running": "käib",
    "shift under its minimum or desired number: who can take it?":
        "vahetuses on alla miinimumi või soovitava arvu inimesi: kes saab selle võtta?",
    "shifts on duty / minimum needed": "vahetusi / vajalik miinimum",
    "sick": "haig",
    "sick leave": "haigusleht",
    "solver": "koostaja",
    "supervision": "supervisioon",
    "team lead": "juht",
    "then": "siis",
    "training": "koolitus",
    "training away": "koolitusel",
    "trn": "kool",
    "unavailable": "pole saadaval",
    "vac": "puh",
    "vacation": "puhkus",
    "version %(n)s": "versioon %(n)s",
    "wants shift": "soovib vahetust",
    "warning": "hoiatus",
    "weekend": "nädalavahetus",
    "weekend days worked": "töötatud nädalavahetuse päevi",
    "weight": "kaal",
    "whole day": "terve päev",
    "yes": "jah",
    "— window —": "— ajavahemik —",
    # work rules, soft-goal weights, substitution rules, per-person overrides (team.rules,
    # team.substitutions, the person form)
    "A night worker's hours in any 7 days.": "Öötöötaja töötunnid mis tahes 7 päeva jooksul.",
    "A role cannot stand in for itself: its own work is always allowed.":
        "Roll ei saa asendada iseennast: oma töö on alati lubatud.",
    "A rule can always be made stricter; looser values outside the law's range are refused with the paragraph.":
        "Reeglit saab alati rangemaks muuta; seaduse piiridest leebemad väärtused lükatakse tagasi koos viitega paragrahvile.",
    "A shift over this many hours has a break.": "Sellest pikemas vahetuses on vaheaeg.",
    "Absences reduce the norm": "Puudumised vähendavad normi",
    "Add a rule": "Lisa reegel",
    "All work rules and soft-goal weights": "Kõik tööaja reeglid ja pehmete eesmärkide kaalud",
    "Average hours per 7 days over the accounting period, overtime included (52 with a separate agreement).":
        "Keskmine tööaeg 7 päeva kohta arvestusperioodis koos ületunnitööga (eraldi kokkuleppel 52).",
    "Average weekly hours at most (h)": "Keskmine nädala tööaeg kuni (h)",
    "Backward rotation": "Tagurpidi vahetuste järjestus",
    "Break (min)": "Vaheaeg (min)",
    "Break after (h)": "Vaheaeg pärast (h)",
    "By the daily hours of each Mon–Fri working day; by the hours the published rota had planned in a sick leave entered on it; or not.":
        "Iga E–R tööpäeva päevatundide võrra; avaldatud graafikus puudumise ajaks planeeritud tundide võrra "
        "(kui puudumine sisestati avaldatud graafikule); või üldse mitte.",
    "Calendar week Mon 00:00–Mon 00:00, or every 7 days (rolling, stricter).":
        "Kalendrinädal E 00:00 – E 00:00 või iga 7 päeva (libisev, rangem).",
    "Cost per hour": "Hind tunnis",
    "Daily rest (h)": "Igapäevane puhkeaeg (h)",
    "Default": "Vaikimisi",
    "Delete this rule?": "Kas kustutada see reegel?",
    "Distance from the norm": "Kaugus normist",
    "Each duty above a person's fair share (by load and availability).":
        "Iga vahetus üle inimese õiglase osa (koormuse ja kättesaadavuse järgi).",
    "Each night beyond the nights-in-a-row limit.": "Iga öö üle järjestikuste ööde piiri.",
    "Each night followed by a day or evening shift (forward rotation is day → evening → night).":
        "Iga öö, millele järgneb päeva- või õhtuvahetus (õige järjestus on päev → õhtu → öö).",
    "Each person missing below the desired head-count.": "Iga puuduv inimene soovitava arvuni.",
    "Each single work day between days off.": "Iga üksik tööpäev vabade päevade vahel.",
    "Each unmet wish, times the wish's weight.": "Iga täitmata soov korda soovi kaal.",
    "Each weekend with exactly one of Saturday and Sunday worked.":
        "Iga nädalavahetus, kus töötatakse ainult laupäeval või ainult pühapäeval.",
    "Each work day beyond the work-days-in-a-row limit.": "Iga tööpäev üle järjestikuste tööpäevade piiri.",
    "Edit substitution rule": "Muuda asendusreeglit",
    "Empty = the team's value. A value outside the law's bound is refused.":
        "Tühi = meeskonna väärtus. Seaduse piiridest väljas olevat väärtust ei võeta vastu.",
    "Expected a number.": "Oodati arvu.",
    "First month of the accounting period": "Arvestusperioodi esimene kuu",
    "For": "Kelle eest",
    "From the first start to the last end (24 − daily rest).":
        "Esimesest algusest viimase lõpuni (24 − igapäevane puhkeaeg).",
    "Goal": "Eesmärk",
    "Good-pattern limit (soft).": "Hea graafiku piir (pehme).",
    "Health-care/welfare staff or a collective agreement; then extra rest = the hours above 13.":
        "Tervishoiu- ja hoolekandetöötajad või kollektiivleping; siis lisapuhkus = tunnid üle 13.",
    "Higher = more important. The solver adds these points for each shortfall; hour terms count per hour.":
        "Suurem = olulisem. Koostaja lisab need punktid iga puudujäägi eest; tunnipõhised eesmärgid loevad tunni kohta.",
    "Hours within this distance of the goal cost nothing.": "Nii palju tunde eesmärgist eemal ei maksa midagi.",
    "Last resort": "Viimane võimalus",
    "Law's bound": "Seaduse piir",
    "Legal default": "Seaduse vaikeväärtus",
    "Length of the break.": "Vaheaja pikkus.",
    "Long shifts allowed (up to 24 h)": "Pikad vahetused lubatud (kuni 24 h)",
    "Longest duty (h)": "Pikim tööperiood (h)",
    "Month the first period of the year starts (1 = January).":
        "Kuu, millest algab aasta esimene arvestusperiood (1 = jaanuar).",
    "More than one duty start per day.": "Rohkem kui üks tööle asumine päevas.",
    "New substitution rule": "Uus asendusreegel",
    "Night ends (hour)": "Öö lõpeb (kell)",
    "Night starts (hour)": "Öö algab (kell)",
    "Night time is 22–06.": "Ööaeg on 22–06.",
    "Night worker threshold (h)": "Öötöötaja lävi (h)",
    "Night worker's hours in 7 days at most": "Öötöötaja tunnid 7 päevas kuni",
    "Nights in a row at most": "Öid järjest kuni",
    "Per hour the team lead stands in on counsellor work: the cost of a last-resort substitution rule without a cost of its own.":
        "Iga tund, mil juht asendab nõustajat: viimase võimaluse asendusreegli hind, kui reeglil endal hinda pole.",
    "Per hour: planned hours near each person's goal (the norm corrected by the carried balance); beyond ± 8 h each hour costs 5 × more.":
        "Tunni kohta: planeeritud tunnid iga inimese eesmärgi lähedal (norm koos eelmiste kuude saldoga); "
        "üle ± 8 h maksab iga tund 5 × rohkem.",
    "Points per hour of such work; 0 = as good as the role's own people.":
        "Punkte sellise töö tunni kohta; 0 = sama hea kui rolli enda inimesed.",
    "Protected management share": "Juhtimistöö kaitstud osa",
    "Rest in every 24 h.": "Puhkeaeg iga 24 tunni jooksul.",
    "Setting": "Seade",
    "Share of a team lead's norm kept for management; stand-in line work may use the rest.":
        "Osa juhi normist, mis jääb juhtimistööks; asendustöö võib kasutada ülejäänut.",
    "Single work days": "Üksikud tööpäevad",
    "Soft-goal weights": "Pehmete eesmärkide kaalud",
    "Split duties allowed": "Tükeldatud tööpäev lubatud",
    "Split weekends": "Poolitatud nädalavahetused",
    "Substitute": "Asendaja",
    "Substitution rule deleted.": "Asendusreegel kustutatud.",
    "Substitution rule saved.": "Asendusreegel salvestatud.",
    "Substitution rules": "Asendusreeglid",
    "Team lead on line duty": "Juht liinitööl",
    "The default rules apply: nothing is stored yet.": "Kehtivad vaikereeglid: midagi pole veel salvestatud.",
    "The last rule cannot be deleted: without rules the defaults would apply.":
        "Viimast reeglit ei saa kustutada: ilma reegliteta kehtiksid vaikereeglid.",
    "The rules of %(name)s would no longer be lawful: %(reason)s":
        "Inimese %(name)s reeglid ei oleks enam seaduslikud: %(reason)s",
    "This many hours of a day's work at night make a night worker.":
        "Nii mitu tundi päeva tööst öösel teeb inimesest öötöötaja.",
    "This pair already has a rule.": "Sellel paaril on juba reegel.",
    "Tolerance around the norm (h)": "Lubatud kõrvalekalle normist (h)",
    "Too many nights in a row": "Liiga palju öid järjest",
    "Too many work days in a row": "Liiga palju tööpäevi järjest",
    "Uninterrupted weekly rest (47 = the Labour Inspectorate's reading).":
        "Katkematu iganädalane puhkeaeg (47 = Tööinspektsiooni tõlgendus).",
    "Unmet wish": "Täitmata soov",
    "Used only when nobody else can; reported with the reason.":
        "Kasutatakse ainult siis, kui keegi teine ei saa; näidatakse koos põhjusega.",
    "Value": "Väärtus",
    "Weekly rest window": "Iganädalase puhkeaja arvestus",
    "Who may stand in for whom (job description § 1.4–1.5). Without stored rules the defaults apply.":
        "Kes võib keda asendada (ametijuhend § 1.4–1.5). Kui reegleid pole salvestatud, kehtivad vaikereeglid.",
    "Work days in a row at most": "Tööpäevi järjest kuni",
    "Work rules": "Tööaja reeglid",
    "Work rules and soft-goal weights": "Tööaja reeglid ja pehmete eesmärkide kaalud",
    "Work rules for this person": "Selle inimese tööaja reeglid",
    "Work rules saved.": "Tööaja reeglid salvestatud.",
    "by the daily hours": "päevatundide võrra",
    "by the scheduled hours": "graafikujärgsete tundide võrra",
    "calendar week": "kalendrinädal",
    "every 7 days (rolling)": "iga 7 päeva (libisev)",
    "law: %(range)s (%(source)s)": "seadus: %(range)s (%(source)s)",
    "no reduction": "ei vähenda",
    "own work: always allowed": "oma töö: alati lubatud",
    "team value: %(value)s": "meeskonna väärtus: %(value)s",
    # the solve job page: objective terms
    "Desired head-count": "Soovitud valvekoosseis",
    "Hours against the norm": "Tunnid normi suhtes",
    "Stand-in work by another role": "Teise rolli asendamine",
    "Fair share of nights": "Öövalvete õiglane jaotus",
    "Fair share of weekends": "Nädalavahetuste õiglane jaotus",
    "Fair share of public holidays": "Riigipühade õiglane jaotus",
    "Single work days": "Üksikud tööpäevad",
    "Too many nights in a row": "Liiga palju öid järjest",
    "Too many work days in a row": "Liiga palju tööpäevi järjest",
    "Changes chosen against the rota (beyond those the absence forces)":
        "Valitud muudatused graafikus (lisaks puudumisest tingitutele)",
    "Coverage minima missed": "Täitmata miinimumkoosseis",
    "Why the rota scores what it does": "Millest graafiku hinne koosneb",
    "Penalty points of each goal (lower is better); the weights are on the work rules page.":
        "Iga eesmärgi trahvipunktid (vähem on parem); kaalud on töökorralduse reeglite lehel.",
    "Points": "Punktid",
    "Where the team lead stands in, and why": "Kus meeskonnajuht asendab ja miks",
    "Why not fewer points:": "Miks mitte vähem punkte:",
    "Edit absence": "Muuda puudumist",
    # solve jobs, conflicts, payroll
    'Cancelled: the draft was left as it was.': 'Tühistatud: mustand jäi endiseks.',
    'Interrupted: the server stopped while the solve ran.': 'Katkestatud: server peatus koostamise ajal.',
    'The rota of this month was changed while the solve ran: the result was not applied, the rota was left as it was.': 'Selle kuu graafikut muudeti koostamise ajal: tulemust ei rakendatud, graafik jäi endiseks.',
    'optimal': 'optimaalne',
    'feasible (not proven optimal)': 'sobiv (optimaalsus tõestamata)',
    'infeasible': 'lahendamatu',
    'no solution': 'lahendust ei leitud',
    'rejected by the checker': 'kontroll lükkas tagasi',
    'no lower bound proven': 'alumist piiri pole tõestatud',
    'A solve of this month is running: nothing was changed. Wait until it ends (or cancel it) and try again.': 'Selle kuu koostamine käib: midagi ei muudetud. Oota, kuni see lõpeb (või katkesta see), ja proovi uuesti.',
    'A solve of this month is running: changes are refused until it ends or is cancelled.': 'Selle kuu koostamine käib: muudatusi ei võeta vastu enne, kui see lõpeb või katkestatakse.',
    'Edits, publishing and discarding the draft wait until it ends or is cancelled.': 'Muutmine, avaldamine ja mustandist loobumine ootavad, kuni see lõpeb või katkestatakse.',
    '%(name)s already has an absence on these days: %(kind)s %(first)s–%(last)s. Change or delete it on the absences page first.': '%(name)s: nendel päevadel on juba puudumine (%(kind)s %(first)s–%(last)s). Muuda või kustuta see enne puudumiste lehel.',
    'This sick leave of %(name)s was already recorded: the month is re-planned with it.': 'See haigusleht (%(name)s) oli juba salvestatud: kuu planeeritakse sellega ümber.',
    'The draft has %(num)d change since the last publish. The re-plan starts from the draft and keeps it.': ('Mustandis on pärast viimast avaldamist %(num)d muudatus. Ümberplaneerimine algab mustandist ja jätab selle alles.', 'Mustandis on pärast viimast avaldamist %(num)d muudatust. Ümberplaneerimine algab mustandist ja jätab need alles.'),
    "The sick leave runs into %(month)s, whose rota has %(name)s on duty then: re-plan that month too (its sick-leave page, with the same days).":
        "Haigusleht ulatub kuusse %(month)s, mille graafikus on %(name)s siis tööl: planeeri ka see kuu ümber (selle kuu "
        "haiguslehe leht, samade päevadega).",
    'Subscribe to this address in your phone or e-mail calendar (Google Calendar: "From URL"; Outlook: "Subscribe from web"; iPhone: Settings → Calendar → Accounts → Add subscribed calendar). It shows your published shifts and the events you attend, from two months back to a year ahead, and follows every new published version.':
        'Telli see aadress oma telefoni või e-posti kalendrisse (Google Calendar: „URL-ist“; Outlook: „Telli veebist“; '
        'iPhone: Seaded → Kalender → Kontod → Lisa tellitud kalender). Seal on sinu avaldatud vahetused ja üritused, '
        'kus osaled, kahest kuust tagasi kuni aasta ette, ning iga uus avaldatud versioon.',
    "Anyone with this address sees your shifts: keep it to yourself. If it got out, make a new one; the old one stops working.":
        "Igaüks, kellel on see aadress, näeb sinu vahetusi: hoia seda enda teada. Kui see on levinud, tee uus; vana lakkab töötamast.",
    "Make a new address": "Tee uus aadress",
    "The old address stops working. Make a new one?": "Vana aadress lakkab töötamast. Kas teha uus?",
    "A personal calendar address (iCal) shows your published shifts in your phone or e-mail calendar and keeps them up to date.":
        "Isiklik kalendriaadress (iCal) näitab sinu avaldatud vahetusi telefoni või e-posti kalendris ja hoiab neid ajakohasena.",
    "Make my calendar address": "Tee minu kalendriaadress",
    "A new calendar address was made: the old one no longer works.": "Tehti uus kalendriaadress: vana enam ei tööta.",
    "Your calendar address was made.": "Sinu kalendriaadress on tehtud.",
    'payroll CSV of the draft': 'mustandi palga-CSV',
    'changed since the last publish': 'muudetud pärast viimast avaldamist',
    "Changes when re-planning": "Muudatused ümberplaneerimisel",
    "Each future cell changed when re-planning after sick leave.":
        "Iga tulevane lahter, mis ümberplaneerimisel (haiguse korral) muutub.",
    # review fixes: dates, load, weights, the last team lead, jobs that give no rota
    "Expected a date from %(first)s to %(last)s.": "Oodati kuupäeva vahemikus %(first)s kuni %(last)s.",
    "e.g. 1 or 0,5": "nt 1 või 0,5",
    "Expected a number of hours from 0 to %(max)s.": "Oodati tundide arvu 0 kuni %(max)s.",
    "Expected a whole number from 0 to %(max)s.": "Oodati täisarvu 0 kuni %(max)s.",
    "The solve failed because of an internal error (written to the server log for the administrator). The rota was left as it was.":
        "Koostamine ebaõnnestus sisemise vea tõttu (see on administraatori jaoks serveri logis). Graafik jäi endiseks.",
    "No rota is possible for this month, whatever the coverage: what it keeps as it is (pinned cells, days already past, events) breaks a rule. Nothing was applied, the rota was left as it was. Change what is named below first.":
        "Selle kuu graafik pole võimalik, olgu katvus milline tahes: kuu muutmata osa (lukustatud lahtrid, möödunud "
        "päevad, sündmused) rikub reeglit. Midagi ei rakendatud, graafik jäi endiseks. Muuda esmalt allpool "
        "nimetatut.",
    "The rota of %(months)s has begun: it keeps the shift times it was published with to its end, even when published again (its days already past were worked with them); the new times apply from the next month.":
        "%(months)s graafik on juba käimas: vahetuste ajad jäävad kuu lõpuni nii, nagu need avaldati, ka uuesti "
        "avaldamisel (möödunud päevad tehti nende järgi); uued ajad kehtivad järgmisest kuust.",
    "No rota can meet every coverage minimum of this month (the solver proved it): nothing was applied, the rota was left as it was. Change the needs, absences or pinned cells, or fill the gaps by hand.":
        "Ükski graafik ei täida selle kuu kõiki miinimumkoosseise (koostaja tõestas selle): midagi ei rakendatud, "
        "graafik jäi endiseks. Muuda vajadusi, puudumisi või kinnitatud lahtreid või täida augud käsitsi.",
    "No rota meeting every coverage minimum was found within the time limit: nothing was applied, the rota was left as it was. Try again with a longer time limit.":
        "Ajapiiri jooksul ei leitud graafikut, mis täidaks kõik miinimumkoosseisud: midagi ei rakendatud, "
        "graafik jäi endiseks. Proovi uuesti pikema ajapiiriga.",
    "The independent checker found a hard violation in the solver's rota: it was not applied, the rota was left as it was.":
        "Sõltumatu kontroll leidis koostaja graafikust range rikkumise: seda ei rakendatud, graafik jäi endiseks.",
    "%(name)s is the only active team lead with a login: give another person the team lead role and a login first, or nobody could plan the rota.":
        "%(name)s on ainus sisselogimisega aktiivne meeskonnajuht: anna enne kellelegi teisele meeskonnajuhi "
        "roll ja sisselogimine, muidu ei saaks keegi graafikut koostada.",
    "The rota of %(month)s is already published: wishes and unavailability for it are no longer taken here. Ask the team lead (%(leads)s) to change the rota.":
        "Kuu %(month)s graafik on juba avaldatud: soove ja mittesaadavust siin enam vastu ei võeta. "
        "Palu meeskonnajuhil (%(leads)s) graafikut muuta.",
    "Wishes for %(month)s are not open yet: they can be entered from %(opens)s until %(deadline)s.":
        "Kuu %(month)s soovid pole veel avatud: neid saab sisestada %(opens)s kuni %(deadline)s.",
    "You do not work on %(code)s (service %(service)s): choose one of your shifts.":
        "Sa ei tööta vahetuses %(code)s (teenus %(service)s): vali üks oma vahetustest.",
    "%(code)s does not run on %(weekday)s %(day)s.": "Vahetust %(code)s ei ole päeval %(weekday)s %(day)s.",
    "%(code)s does not run on any of these days: the need would never apply.":
        "Vahetust %(code)s neil päevadel ei ole: vajadus ei rakenduks kunagi.",
    "You already have this wish for %(day)s (weight %(weight)s): delete it first to change its weight.":
        "Sul on see soov kuupäevaks %(day)s juba olemas (kaal %(weight)s): kaalu muutmiseks kustuta see enne.",
    "The published rota of %(months)s keeps the times it was published with (its hours and payroll do not change). To use the change there, edit the month and publish it again.":
        "Avaldatud graafik (%(months)s) jääb avaldamisaegsete kellaaegadega (selle tunnid ja palgaandmed ei muutu). "
        "Muudatuse rakendamiseks seal muuda kuud ja avalda see uuesti.",
    "The time limit Generate month, re-solve and sick leave start with.":
        "Ajapiir, millega kuu koostamine, ümberarvutus ja haigusleht algavad.",
    # WTForms' own messages that its Estonian catalogue lacks or keeps only as a fuzzy draft
    # (webui.forms.FormTranslations); the XLSX export's summary sheet
    "Not a valid choice.": "Pole lubatud valik.",
    "'%(value)s' is not a valid choice for this field.": (
        "'%(value)s' pole sellel väljal lubatud valik.", "'%(value)s' pole sellel väljal lubatud valikud."),
    "Summary": "Kokkuvõte",
    # --- input checks and plan fixes (2026-11-27) ---
    "A need for %(need)s on the same days is already given.": "Teenuse %(need)s vajadus samadel päevadel on juba olemas.",
    "The shift lasts %(hours)s h: longer than the longest duty the work rules allow (%(max)s h, TLS § 51).":
        "Vahetus kestab %(hours)s h: kauem kui tööajareeglite pikim lubatud valve (%(max)s h, TLS § 51).",
    "A start is from 00:00 to 23:59 (24:00 is an end only).": "Algus on vahemikus 00:00–23:59 (24:00 saab olla ainult lõpp).",
    "%(day)s %(time)s does not exist in Estonia: the clocks go forward from 03:00 to 04:00 that night.":
        "%(day)s %(time)s ei ole Eestis olemas: sel ööl keeratakse kell 03:00-lt 04:00-le.",
    "It overlaps the event %(code)s (%(day)s %(start)s–%(end)s) of %(names)s: a person attends one event at a time.":
        "See kattub sündmusega %(code)s (%(day)s %(start)s–%(end)s), kus osalevad %(names)s: inimene saab korraga "
        "osaleda ainult ühel sündmusel.",
    "You are already away on these days: %(kind)s %(first)s–%(last)s.":
        "Oled neil päevadel juba eemal: %(kind)s %(first)s–%(last)s.",
    "approved by %(name)s": "kinnitas %(name)s",
    "You are away during %(code)s on %(day)s (%(absence)s): no rota can give you that shift.":
        "Oled %(day)s vahetuse %(code)s ajal eemal (%(absence)s): ükski graafik ei saa seda vahetust sulle anda.",
    "You wished for shift %(code)s on %(day)s: delete that wish first.":
        "Soovisid %(day)s vahetust %(code)s: kustuta enne see soov.",
    "This contradicts your wish for %(day)s: %(wish)s. Delete that one first.":
        "See läheb vastuollu sinu sooviga %(day)s: %(wish)s. Kustuta enne see soov.",
    "There is no such date: %(day)s.": "Sellist kuupäeva ei ole: %(day)s.",
    "Version %(n)s (published %(day)s), read-only": "Versioon %(n)s (avaldatud %(day)s), ainult vaatamiseks",
    "%(num)d conflict with what was entered after this version was published (a later absence, for example)": (
        "%(num)d vastuolu pärast selle versiooni avaldamist sisestatuga (näiteks hilisem puudumine)",
        "%(num)d vastuolu pärast selle versiooni avaldamist sisestatuga (näiteks hilisemad puudumised)"),
    "Nothing changed since version %(v)s.": "Versiooniga %(v)s võrreldes pole midagi muutunud.",
    "Not published: nothing changed since version %(v)s.": "Ei avaldatud: versiooniga %(v)s võrreldes pole midagi muutunud.",
    "%(num)d duty (%(version)s)": ("%(num)d vahetus (%(version)s)", "%(num)d vahetust (%(version)s)"),
    "%(month)s (%(version)s) now breaks %(num)d rule: %(first)s. Re-plan the month or edit those cells.": (
        "%(month)s (%(version)s) rikub nüüd %(num)d reeglit: %(first)s. Planeeri kuu ümber või muuda neid lahtreid.",
        "%(month)s (%(version)s) rikub nüüd %(num)d reeglit, esimene: %(first)s. Planeeri kuu ümber või muuda neid "
        "lahtreid."),
    "%(name)s has %(duties)s in %(month)s: not deactivated. Enter their absence from the day after their last "
    "working day (Absences) and re-plan that month; deactivate them when it is over.":
        "%(name)s: kuus %(month)s on %(duties)s — ei deaktiveeritud. Sisesta tema puudumine viimasele tööpäevale "
        "järgnevast päevast (Puudumised) ja planeeri see kuu ümber; deaktiveeri ta, kui kuu on läbi.",
    "published": "avaldatud",
    "draft": "mustand",
    # shift swaps
    "Message (optional)": "Sõnum (vabatahtlik)",
    "Reason (optional)": "Põhjus (vabatahtlik)",
    "The rota of this month is not published.": "Selle kuu graafik ei ole avaldatud.",
    "You have no published shift on %(day)s that has not begun.":
        "Sul ei ole %(day)s avaldatud vahetust, mis poleks veel alanud.",
    "The rota was published again meanwhile: look at the choices again.":
        "Graafik avaldati vahepeal uuesti: vaata valikud uuesti üle.",
    "Not sent: %(reasons)s": "Ei saadetud: %(reasons)s",
    "Sent to %(name)s. When they accept, the team lead decides.":
        "Saadetud: %(name)s. Kui kolleeg nõustub, otsustab meeskonnajuht.",
    "Your request was withdrawn.": "Sinu taotlus võeti tagasi.",
    "The swap cannot be made any more: %(reasons)s": "Vahetamist ei saa enam teha: %(reasons)s",
    "Accepted. The team lead decides; the swap is on the rota once approved.":
        "Nõustutud. Otsustab meeskonnajuht; vahetamine jõuab graafikusse, kui ta selle kinnitab.",
    "Declined.": "Keeldutud.",
    "The request is no longer waiting for a decision.": "Taotlus ei oota enam otsust.",
    "A solve is running for this month: approve the swap when it is done.":
        "Selle kuu koostamine käib: kinnita vahetamine, kui see on lõppenud.",
    "Approved: published as version %(number)s.": "Kinnitatud: avaldatud versioonina %(number)s.",
    "Refused. %(requester)s and %(partner)s see it on their swaps page.":
        "Tagasi lükatud. %(requester)s ja %(partner)s näevad seda oma vahetamiste lehel.",
    "waiting for the colleague": "ootab kolleegi vastust",
    "waiting for the team lead": "ootab meeskonnajuhi kinnitust",
    "approved": "kinnitatud",
    "declined by the colleague": "kolleeg keeldus",
    "refused by the team lead": "juht ei kinnitanud",
    "withdrawn": "tagasi võetud",
    "no longer possible": "pole enam võimalik",
    "handover": "üleandmine",
    "Swaps to approve": "Kinnitatavad vahetamised",
    "Swaps": "Vahetamised",
    "waiting for you": "ootab sind",
    "Offer or exchange": "Paku või vaheta",
    "Offer a shift": "Paku vahetust",
    "Hand it over": "Anna üle",
    "Each colleague who works on this service, tried as taking it over. To get one of their shifts in return, choose \"Exchange\".":
        "Iga kolleeg, kes selles teenuses töötab, proovituna vahetuse ülevõtjana. Kui soovid vastu tema "
        "vahetust, vali „Vaheta“.",
    "Colleague": "Kolleeg",
    "Ask to take it over": "Palu üle võtta",
    "Exchange": "Vaheta",
    "Nobody else works on this service.": "Keegi teine selles teenuses ei tööta.",
    "Exchange with %(name)s": "Vahetamine: %(name)s",
    "Their shifts of the month that have not begun, each tried as an exchange: they take yours, you take theirs.":
        "Kolleegi selle kuu vahetused, mis pole veel alanud, igaüks proovituna vahetamisena: tema võtab sinu "
        "vahetuse, sina tema oma.",
    "Ask to exchange": "Palu vahetada",
    "%(name)s has no shifts ahead this month.": "Kolleegil %(name)s ei ole sel kuul enam vahetusi ees.",
    "Or hand it over to %(name)s": "Või anna üle: %(name)s",
    "Other colleagues": "Teised kolleegid",
    "Offer a published shift of yours to a colleague, or exchange it for one of theirs. The colleague accepts, the team lead approves, and the rota is published again with the swap. Only swaps that keep the rota legal for both of you can be sent.":
        "Paku oma avaldatud vahetust kolleegile või vaheta see tema vahetuse vastu. Kolleeg nõustub, "
        "meeskonnajuht kinnitab ja graafik avaldatakse vahetamisega uuesti. Saata saab ainult vahetamisi, mis "
        "jätavad graafiku teile mõlemale seaduslikuks.",
    "Asked of you": "Sinult palutud",
    "Swap": "Vahetamine",
    "Message": "Sõnum",
    "Accept": "Nõustu",
    "Decline": "Keeldu",
    "Nothing waits for your answer.": "Miski ei oota sinu vastust.",
    "Open requests": "Avatud taotlused",
    "Withdraw": "Võta tagasi",
    "No open requests.": "Avatud taotlusi ei ole.",
    "Your shifts you can offer": "Sinu vahetused, mida saad pakkuda",
    "in a request": "taotluses",
    "You have no published shifts ahead.": "Sul ei ole avaldatud vahetusi ees.",
    "Ended": "Lõppenud",
    "Reason": "Põhjus",
    "Swaps both people agreed to, each tried on the published rota as it is now. Approving publishes the month again with the swap (and puts it, pinned, in the draft if there is one).":
        "Vahetamised, milles mõlemad on kokku leppinud, igaüks proovituna praegusel avaldatud graafikul. "
        "Kinnitamine avaldab kuu vahetamisega uuesti (ja paneb selle kinnitatuna ka mustandisse, kui see on olemas).",
    "legal": "seaduslik",
    "Approve": "Kinnita",
    "Close it": "Sulge",
    "Refuse": "Lükka tagasi",
    "No swap waits for approval.": "Ükski vahetamine ei oota kinnitamist.",
    "Waiting for the colleague": "Ootab kolleegi vastust",
    "%(num)d swap of this month waits for your approval": (
        "%(num)d selle kuu vahetamine ootab sinu kinnitust", "%(num)d selle kuu vahetamist ootavad sinu kinnitust"),
    "Closed: the swap cannot be made any more: %(reasons)s": "Suletud: vahetamist ei saa enam teha: %(reasons)s",
    "Not closed: the swap is possible now. Approve or refuse it.":
        "Ei suletud: vahetamine on nüüd võimalik. Kinnita või lükka see tagasi.",
    "The rota was published again meanwhile: look at the check again.":
        "Graafik avaldati vahepeal uuesti: vaata kontrolli tulemus uuesti üle.",
    "Take back my acceptance": "Võta nõusolek tagasi",
    "a swap needs a colleague": "vahetamiseks on vaja kolleegi",
    "this swap changes nothing": "see vahetamine ei muuda midagi",
    "%(name)s no longer has %(code)s on %(day)s in the published rota":
        "avaldatud graafikus ei ole %(name)s %(day)s enam vahetuses %(code)s",
    "%(code)s on %(day)s has already begun": "vahetus %(code)s %(day)s on juba alanud",
    "%(name)s already has %(code)s on %(day)s": "%(name)s töötab %(day)s juba vahetuses %(code)s",
    "%(name)s is not in the team": "%(name)s ei ole meeskonnas",
    "%(name)s does not work on %(code)s (not active or not in that service)":
        "%(name)s ei tööta vahetuses %(code)s (pole aktiivne või pole selles teenuses)",
    "%(name)s is away then": "%(name)s on siis eemal",
    "%(name)s cannot take it within their working-time limits": "%(name)s ei saa seda oma tööaja piirides võtta",
    "%(code)s on %(day)s is already in another open request": "vahetus %(code)s %(day)s on juba teises avatud taotluses",
    "the rota of this month is not published": "selle kuu graafik ei ole avaldatud",
    "the draft has other shifts or pins in %(cells)s": "mustandis on teised vahetused või kinnitused: %(cells)s",
    "The rota or the request changed meanwhile: look at the check again.":
        "Graafik või taotlus muutus vahepeal: vaata kontrolli tulemus uuesti üle.",
    "The swap was not put in this month's draft: %(reasons)s. Publishing the draft as it is would take the swap back.":
        "Vahetamist ei pandud selle kuu mustandisse: %(reasons)s. Mustandi avaldamine sellisena võtaks vahetamise tagasi.",
    "This draft takes back approved swaps that the published version carries:":
        "See mustand võtaks tagasi kinnitatud vahetamised, mis on avaldatud versioonis:",
    "Publishing it takes them back from both people. Put the swaps in the draft, or tick \"take back the approved swaps\" to publish it as it is.":
        "Avaldamine võtaks need mõlemalt inimeselt tagasi. Pane vahetamised mustandisse või märgi „võta kinnitatud "
        "vahetamised tagasi“, et avaldada mustand sellisena.",
    "take back the approved swaps": "võta kinnitatud vahetamised tagasi",
    "The rota was published again meanwhile: look at the draft again.":
        "Graafik avaldati vahepeal uuesti: vaata mustand uuesti üle.",
    "Not published: the draft takes back %(num)d approved swap. Put it in the draft, or tick \"take back the approved swaps\".": (
        "Ei avaldatud: mustand võtaks tagasi %(num)d kinnitatud vahetamise. Pane see mustandisse või märgi "
        "„võta kinnitatud vahetamised tagasi“.",
        "Ei avaldatud: mustand võtaks tagasi %(num)d kinnitatud vahetamist. Pane need mustandisse või märgi "
        "„võta kinnitatud vahetamised tagasi“."),
    "taken back by the team lead": "meeskonnajuht võttis tagasi",
    "approved in version %(n)s, taken back in version %(m)s":
        "kinnitatud versioonis %(n)s, tagasi võetud versioonis %(m)s",
    "%(name)s no longer has %(code)s on %(day)s in version %(number)s":
        "versioonis %(number)s ei ole %(name)s %(day)s enam vahetuses %(code)s",
    "%(num)d open swap request ended: this version no longer has its shift.": (
        "%(num)d avatud vahetamistaotlus lõppes: selles versioonis ei ole enam selle vahetust.",
        "%(num)d avatud vahetamistaotlust lõppes: selles versioonis ei ole enam nende vahetusi."),
    "Delete this absence? The %(hours)s h it recorded from the rota of %(month)s go with it, and the rota published since may no longer have them: to change its days, edit it instead.":
        "Kas kustutada see puudumine? Koos sellega kaovad graafikust %(month)s salvestatud %(hours)s h ja pärast "
        "seda avaldatud graafikus ei pruugi neid enam olla: päevade muutmiseks muuda puudumist.",
    "%(name)s would stand in for another role (substitution rules: a last resort).":
        "%(name)s asendaks teise rolli töötajat (asendusreeglid: viimane võimalus).",
    "would stand in for another role": "asendaks teise rolli töötajat",
    "The days before today are kept as the rota has them: only the days ahead are planned anew.":
        "Päevad enne tänast jäävad nii, nagu graafikus: uuesti planeeritakse ainult eesolevad päevad.",
    "%(num)d duty of the days already past overlaps an absence: the solve takes it off (not worked): %(cells)s. Record who stood in by editing that cell, or shorten the absence if it was worked.": (
        "%(num)d möödunud päeva vahetus kattub puudumisega: lahendaja eemaldab selle (tegemata): %(cells)s. Märgi "
        "asendaja selle lahtri muutmisega või lühenda puudumist, kui vahetus tehti.",
        "%(num)d möödunud päevade vahetust kattuvad puudumisega: lahendaja eemaldab need (tegemata): %(cells)s. "
        "Märgi asendaja nende lahtrite muutmisega või lühenda puudumist, kui vahetused tehti."),
    "%(num)d duty already begun today overlaps an absence: the solve takes it off (not worked): %(cells)s. It may give that shift to someone else from its start: record who stood in by editing that cell, or shorten the absence if it was worked.": (
        "%(num)d täna juba alanud vahetus kattub puudumisega: lahendaja eemaldab selle (tegemata): %(cells)s. "
        "Lahendaja võib selle vahetuse anda kellelegi teisele alates selle algusest: märgi tegelik asendaja selle "
        "lahtri muutmisega või lühenda puudumist, kui vahetus tehti.",
        "%(num)d täna juba alanud vahetust kattuvad puudumisega: lahendaja eemaldab need (tegemata): %(cells)s. "
        "Lahendaja võib need vahetused anda kellelegi teisele alates nende algusest: märgi tegelikud asendajad "
        "nende lahtrite muutmisega või lühenda puudumist, kui vahetused tehti."),
    "%(month)s is over: there is nothing left to plan. Edit its cells to record what happened.":
        "%(month)s on möödas: planeerida pole enam midagi. Toimunu märkimiseks muuda selle lahtreid.",
    "Days already past cannot be kept as the rota has them, and what happened is not rewritten: nothing was solved or applied. Change these cells, or the team data, first.":
        "Möödunud päevi ei saa jätta nii, nagu graafikus, ja toimunut üle ei kirjutata: midagi ei lahendatud ega "
        "rakendatud. Muuda enne need lahtrid või meeskonna andmed.",
    "There is no rota to re-solve: generate the month first.":
        "Pole graafikut, mida uuesti lahendada: koosta kõigepealt kuu graafik.",
    "not solved: days already past cannot be kept": "lahendamata: möödunud päevi ei saa jätta nii, nagu olid",
    "This day is already past: what you save here records what happened (who worked, who stood in); a solve no longer changes it.":
        "See päev on möödas: siin salvestatu märgib, mis juhtus (kes töötas, kes asendas); lahendaja seda enam ei muuda.",
    "Duties in absences entered after this version was published": "Vahetused puudumistes, mis sisestati pärast selle versiooni avaldamist",
    '"Re-solve all but pinned cells" gives those duties to others and changes as few other cells as it can (a duty of a day already past that the absence overlaps is taken off); a sick leave has its own page.':
        '„Koosta uuesti, lukustatud lahtrid jäävad“ annab need vahetused teistele ja muudab teisi lahtreid nii vähe kui võimalik (möödunud päeva vahetus, mis kattub puudumisega, eemaldatakse); haiguslehel on oma leht.',
    # deleting services and shift types
    "Delete this service?": "Kas kustutada see teenus?",
    "Delete this shift type?": "Kas kustutada see vahetuse liik?",
    "Service %(code)s deleted.": "Teenus %(code)s kustutatud.",
    "Shift type %(code)s deleted.": "Vahetuse liik %(code)s kustutatud.",
    "Service %(code)s was not deleted: %(reasons)s.": "Teenust %(code)s ei kustutatud: %(reasons)s.",
    "Shift type %(code)s was not deleted: %(reasons)s.": "Vahetuse liiki %(code)s ei kustutatud: %(reasons)s.",
    "the rota of %(months)s has it, and a rota keeps its shifts":
        "see on graafikus %(months)s ja graafik jätab oma vahetused alles",
    "%(num)d coverage need asks for it (delete or change it first)": (
        "%(num)d vajadus nõuab seda (kustuta või muuda see enne)",
        "%(num)d vajadust nõuavad seda (kustuta või muuda need enne)"),
    "wishes of %(names)s name it": "see on soovides (%(names)s)",
    "it has the shift types %(codes)s (delete them first)": "sellel on vahetuse liigid %(codes)s (kustuta need enne)",
    "%(names)s work in it (take it off their services on the person form first)":
        "selles töötavad %(names)s (eemalda see enne isiku vormil nende teenuste hulgast)",
    # an event's attendees who are away
    "%(name)s is not employed on %(day)s (contract dates): they will not attend.":
        "%(name)s ei ole %(day)s tööl (töösuhte kuupäevad): ta ei osale.",
    "%(name)s is away then (%(absence)s): they will not attend.": "%(name)s on siis eemal (%(absence)s): ta ei osale.",
    # an event past midnight
    "An event ends on its own day (at 24:00 at the latest): enter one that runs past midnight as two events.":
        "Sündmus lõpeb samal päeval (kõige hiljem kell 24:00): üle kesköö kestev sündmus sisesta kahe sündmusena.",
}
