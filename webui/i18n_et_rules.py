"""Estonian texts of the checker's reasons, the solver's explanations and the law's texts about
the work-rule settings: the templates marked ``N_("…")`` in ``scheduler/checker/``,
``scheduler/solver/explain.py`` and ``scheduler/settings.py``, in the message context ``rule``
(``webui.reasons``). ``python -m webui.i18n`` merges them into
webui/translations/et/LC_MESSAGES/messages.po and compiles it.

Every text keeps the template's placeholders (``%(name)s``…) and cites the law as the English
does (``TLS § 51``). Numbers of hours are followed by "h", as in the English; dates and times
come formatted (dd.mm.yyyy, HH:MM)."""

ET_RULES: dict[str, str] = {
    # --- legal and other sources ----------------------------------------------------------
    "TLS § 43 (one person, one duty at a time)": "TLS § 43 (üks inimene teeb korraga üht tööd)",
    "TLS § 46": "TLS § 46",
    "TLS § 47": "TLS § 47",
    "TLS § 50": "TLS § 50",
    "TLS § 50; team file may_work_nights": "TLS § 50; meeskonna andmed (võib teha öövahetusi)",
    "TLS § 51": "TLS § 51",
    "TLS § 51; work rules (split_duties_allowed)":
        "TLS § 51; töökorralduse reeglid (split_duties_allowed)",
    "TLS § 52 (2)": "TLS § 52 (2)",
    "job description § 1.4–1.5": "ametijuhend § 1.4–1.5",
    "job description § 1.4–1.5; team file": "ametijuhend § 1.4–1.5; meeskonna andmed",
    "job description § 3.8 (events are working time)": "ametijuhend § 3.8 (sündmused on tööaeg)",
    "team file": "meeskonna andmed",
    "team file absences": "meeskonna puudumised",
    "TLS § 44 (overtime only by agreement)": "TLS § 44 (ületunnitöö ainult kokkuleppel)",
    "%(name)s: %(planned)s h from %(first)s to %(last)s against a norm of %(norm)s h (load %(fte)s), %(over)s h "
    "over: if the accounting period ends so, that is overtime, which needs their agreement":
        "%(name)s: %(planned)s h ajavahemikus %(first)s kuni %(last)s normi %(norm)s h vastu (koormus %(fte)s), "
        "%(over)s h üle: kui arvestusperiood nii lõpeb, on see ületunnitöö, milleks on vaja töötaja nõusolekut",
    "the employment contract's first and last day (TLS § 5 (1)); team file employed_from / employed_until":
        "töölepingu esimene ja viimane päev (TLS § 5 lg 1); meeskonna andmed (töösuhte algus ja lõpp)",
    "team file coverage needs": "meeskonna kattevajadused",

    # --- words and small clauses ----------------------------------------------------------
    "%(code)s %(start)s–%(end)s": "%(code)s %(start)s–%(end)s",
    "%(date)s (%(weekday)s)": "%(date)s (%(weekday)s)",
    "%(first)s to %(last)s": "%(first)s kuni %(last)s",
    "%(start)s–%(end)s": "%(start)s–%(end)s",
    "Mon": "E",
    "Tue": "T",
    "Wed": "K",
    "Thu": "N",
    "Fri": "R",
    "Sat": "L",
    "Sun": "P",
    "covision": "kovisioon",
    "event": "sündmus",
    "meeting": "koosolek",
    "nobody": "mitte keegi",
    "none": "puuduvad",
    "other": "muu",
    "shift": "vahetus",
    "sick": "haigus",
    "supervision": "supervisioon",
    "training": "koolitus",
    "vacation": "puhkus",

    # --- coverage -------------------------------------------------------------------------
    "%(day)s, %(service)s %(shift)s: %(count)s on duty (%(names)s), at least %(minimum)s needed":
        "%(day)s, %(service)s %(shift)s: valves %(count)s (%(names)s), vaja vähemalt %(minimum)s",
    "%(day)s, %(service)s %(shift)s: %(count)s on duty (%(names)s), %(desired)s desired":
        "%(day)s, %(service)s %(shift)s: valves %(count)s (%(names)s), soovitav %(desired)s",
    "%(day)s, %(service)s %(shift)s: %(count)s %(language)s speaker(s) among those on duty "
    "(%(names)s), at least %(minimum)s needed":
        "%(day)s, %(service)s %(shift)s: valvajate (%(names)s) seas keele %(language)s kõnelejaid "
        "%(count)s, vaja vähemalt %(minimum)s",
    "%(day)s, %(service)s %(window)s: %(count)s on duty %(start)s–%(end)s, at least %(wanted)s "
    "needed":
        "%(day)s, %(service)s %(window)s: %(start)s–%(end)s valves %(count)s, vaja vähemalt "
        "%(wanted)s",
    "%(day)s, %(service)s %(window)s: %(count)s on duty %(start)s–%(end)s, %(wanted)s desired":
        "%(day)s, %(service)s %(window)s: %(start)s–%(end)s valves %(count)s, soovitav %(wanted)s",
    "%(day)s, %(service)s %(window)s: %(count)s %(language)s speaker(s) on duty "
    "%(start)s–%(end)s, at least %(wanted)s needed":
        "%(day)s, %(service)s %(window)s: %(start)s–%(end)s keele %(language)s kõnelejaid valves "
        "%(count)s, vaja vähemalt %(wanted)s",

    "may not take this work": "ei tohi seda tööd teha",
    "%(day)s, %(name)s %(shift)s: a day already past, kept as it happened, but %(name)s %(reason)s as the team "
    "is now: change that cell, or the team data, to say what happened":
        "%(day)s, %(name)s %(shift)s: möödunud päev jääb nii, nagu see oli, kuid %(name)s %(reason)s meeskonna "
        "praeguste andmete järgi: muuda seda lahtrit või meeskonna andmeid, et need ütleksid, mis juhtus",
    "what the month keeps as it is (pinned cells, days already past, events) breaks a rule: %(finding)s — change "
    "a pinned cell, or the event":
        "kuu muutmata osa (lukustatud lahtrid, möödunud päevad, sündmused) rikub reeglit: %(finding)s — muuda "
        "lukustatud lahtrit või sündmust",
    "why was not found within the time limit: even with the coverage minima relaxed the search did not finish "
    "(give the solve more time)":
        "põhjust ei leitud ajapiiri jooksul: ka leevendatud katvusmiinimumidega ei jõudnud otsing lõpuni (anna "
        "lahendajale rohkem aega)",
    "… and %(count)s more": "… ja veel %(count)s",
    "%(day)s %(shift)s (%(service)s): %(lead)s stood in, though the minimum of %(minimum)s is met by %(names)s":
        "%(day)s %(shift)s (%(service)s): asendas %(lead)s, kuigi miinimumi %(minimum)s täidavad %(names)s",
    "%(day)s %(shift)s (%(service)s): %(lead)s stood in, though the minimum of %(minimum)s is met by %(names)s; "
    "the search ran out of time before taking the stand-in away":
        "%(day)s %(shift)s (%(service)s): asendas %(lead)s, kuigi miinimumi %(minimum)s täidavad %(names)s; "
        "otsingu aeg sai otsa enne, kui asendus ära võeti",
    "%(day)s %(shift)s (%(service)s): %(lead)s stood in — %(reason)s":
        "%(day)s %(shift)s (%(service)s): asendas %(lead)s — %(reason)s",
    "%(name)s %(reason)s": "%(name)s %(reason)s",
    "and %(count)s more": "ja veel %(count)s",
    "every counsellor who takes this service is on it already": "kõik seda teenust tegevad nõustajad on juba valves",
    "no counsellor takes this service": "ükski nõustaja seda teenust ei tee",
    "%(finding)s (already past: recorded as it happened)":
        "%(finding)s (möödas: nii, nagu see oli)",

    # --- hours ----------------------------------------------------------------------------
    "%(name)s: %(code)s %(start)s–%(end)s is written as %(written)s h but counts %(counted)s h "
    "(%(elapsed)s h elapsed less a %(break_minutes)s min break; TLS § 47)":
        "%(name)s: %(code)s %(start)s–%(end)s on kirjas %(written)s h, kuid tööaega on "
        "%(counted)s h (kestus %(elapsed)s h, millest läheb maha %(break_minutes)s min "
        "vaheaeg; TLS § 47)",
    "%(name)s: %(code)s %(start)s–%(end)s is written as %(written)s h but counts %(counted)s h "
    "(%(elapsed)s h elapsed; TLS § 47)":
        "%(name)s: %(code)s %(start)s–%(end)s on kirjas %(written)s h, kuid tööaega on "
        "%(counted)s h (kestus %(elapsed)s h; TLS § 47)",
    "%(name)s: %(hours)s h in the accounting period %(first)s to %(last)s, more than %(max)s h "
    "× %(days)s/7 days = %(limit)s h (TLS § 46)":
        "%(name)s: arvestusperioodis %(first)s kuni %(last)s on tööaega %(hours)s h, rohkem kui "
        "%(max)s h × %(days)s/7 päeva = %(limit)s h (TLS § 46)",
    "%(name)s: %(hours)s h in the accounting period %(first)s to %(last)s (planned up to "
    "%(planned_to)s), more than %(max)s h × %(days)s/7 days = %(limit)s h (TLS § 46)":
        "%(name)s: arvestusperioodis %(first)s kuni %(last)s on tööaega %(hours)s h "
        "(planeeritud kuni %(planned_to)s), rohkem kui %(max)s h × %(days)s/7 päeva = "
        "%(limit)s h (TLS § 46)",
    "%(name)s: a night worker (the duty starting %(duty_start)s has %(night)s h at night) works "
    "%(hours)s h in the 7 days %(first)s to %(last)s, more than %(max)s h (TLS § 50)%(more)s":
        "%(name)s: öötöötaja (valves, mis algab %(duty_start)s, on %(night)s h öötööd) töötab 7 "
        "päeva jooksul %(first)s kuni %(last)s %(hours)s h, rohkem kui %(max)s h "
        "(TLS § 50)%(more)s",
    "; 1 overlapping 7-day window is over too": "; piiri ületab ka 1 kattuv 7 päeva periood",
    "; %(count)s overlapping 7-day windows are over too":
        "; piiri ületavad ka %(count)s kattuvat 7 päeva perioodi",
    "%(name)s: %(hours)s h of other roles' line duty in the month, more than (1 − %(share)s) × "
    "the month norm %(norm)s h = %(limit)s h; %(percent)s of the norm is kept for management "
    "work (job description § 1.4–1.5, setting protected_management_share)":
        "%(name)s: teiste rollide liinitööd on kuus %(hours)s h, rohkem kui (1 − %(share)s) × "
        "kuu norm %(norm)s h = %(limit)s h; %(percent)s normist on jäetud juhtimistööks "
        "(ametijuhend § 1.4–1.5, seade protected_management_share)",

    # --- rest -----------------------------------------------------------------------------
    "%(name)s: only %(rest)s h rest after the %(span)s h duty ending %(end)s before the one "
    "starting %(next)s (TLS § 51: a duty longer than %(normal)s h needs %(needed)s h rest right "
    "after it)":
        "%(name)s: pärast %(span)s h pikkust valvet, mis lõpeb %(end)s, on enne järgmist, mis "
        "algab %(next)s, ainult %(rest)s h puhkeaega (TLS § 51: üle %(normal)s h pikkusele "
        "valvele peab kohe järgnema %(needed)s h puhkeaega)",
    "%(name)s: only %(rest)s h rest between the duty ending %(end)s and the one starting "
    "%(next)s (TLS § 51 needs %(needed)s h; as one duty %(codes)s span %(span)s h, more than "
    "%(limit)s h)":
        "%(name)s: valve lõpu %(end)s ja järgmise valve alguse %(next)s vahel on ainult "
        "%(rest)s h puhkeaega (TLS § 51 nõuab %(needed)s h igapäevast puhkeaega; ühe valvena "
        "kestaksid %(codes)s kokku %(span)s h, rohkem kui %(limit)s h)",
    "%(name)s: a duty of %(hours)s h from %(start)s to %(end)s (TLS § 51 allows at most "
    "%(limit)s h)":
        "%(name)s: valve kestab %(hours)s h, %(start)s kuni %(end)s (TLS § 51 lubab kõige "
        "rohkem %(limit)s h)",
    "%(name)s: no uninterrupted rest of %(needed)s h in the week %(first)s to %(last)s; "
    "%(longest)s (TLS § 52 (2))%(more)s":
        "%(name)s: nädalas %(first)s kuni %(last)s pole %(needed)s h katkematut iganädalast "
        "puhkeaega; %(longest)s (TLS § 52 (2))%(more)s",
    "%(name)s: no uninterrupted rest of %(needed)s h in the 7 days %(first)s to %(last)s; "
    "%(longest)s (TLS § 52 (2))%(more)s":
        "%(name)s: 7 päeva jooksul %(first)s kuni %(last)s pole %(needed)s h katkematut "
        "iganädalast puhkeaega; %(longest)s (TLS § 52 (2))%(more)s",
    "the longest is %(hours)s h, %(start)s to %(end)s": "pikim on %(hours)s h, %(start)s kuni %(end)s",
    "there is no rest at all": "puhkeaega pole üldse",
    "; 1 overlapping 7-day window falls short too":
        "; puhkeaega jääb väheks ka 1 kattuvas 7 päeva perioodis",
    "; %(count)s overlapping 7-day windows fall short too":
        "; puhkeaega jääb väheks ka %(count)s kattuvas 7 päeva perioodis",

    # --- who may be where -----------------------------------------------------------------
    "%(name)s: %(span)s, but %(name)s is not active in the team file":
        "%(name)s: %(span)s, kuid %(name)s ei ole meeskonnas aktiivne",
    "%(name)s: %(span)s is on service %(service)s, which is not among their services "
    "(%(services)s)":
        "%(name)s: %(span)s on teenuses %(service)s, mida tema teenuste hulgas pole "
        "(%(services)s)",
    "%(name)s: %(span)s is team_lead work on %(service)s, and no substitution rule lets a "
    "counsellor stand in for a team_lead":
        "%(name)s: %(span)s on meeskonnajuhi töö teenuses %(service)s ja ükski asendusreegel ei "
        "luba nõustajal meeskonnajuhti asendada",
    "%(name)s: %(span)s is counsellor work on %(service)s, and no substitution rule lets a "
    "team_lead stand in for a counsellor":
        "%(name)s: %(span)s on nõustaja töö teenuses %(service)s ja ükski asendusreegel ei luba "
        "meeskonnajuhil nõustajat asendada",
    "%(name)s: %(span)s is %(role)s work on %(service)s, and no substitution rule lets a "
    "%(own_role)s stand in for a %(role)s":
        "%(name)s: %(span)s on rolli %(role)s töö teenuses %(service)s ja ükski asendusreegel ei "
        "luba rollil %(own_role)s rolli %(role)s asendada",
    "%(name)s may not work nights, but the duty %(spans)s has %(night)s h at night (night work "
    "from %(threshold)s h)":
        "%(name)s ei tohi öösel töötada, kuid valves %(spans)s on %(night)s h öötööd (öötöö "
        "alates %(threshold)s h)",
    "%(name)s: %(count)s shifts start on %(day)s (%(spans)s); split duties are not allowed":
        "%(name)s: %(day)s algab %(count)s vahetust (%(spans)s); jagatud tööpäev pole lubatud",
    "%(name)s: %(span)s overlaps shift %(other)s": "%(name)s: %(span)s kattub vahetusega %(other)s",
    "%(name)s: %(span)s overlaps event %(other)s": "%(name)s: %(span)s kattub sündmusega %(other)s",
    "%(name)s: %(span)s overlaps %(kind)s %(other)s":
        "%(name)s: %(span)s kattub reaga %(other)s (%(kind)s)",
    "%(name)s: %(kind)s %(span)s falls in their %(absence)s absence %(when)s":
        "%(name)s: %(kind)s %(span)s jääb tema puudumise (%(absence)s) ajale %(when)s",
    "%(name)s: %(span)s overlaps the %(kind)s %(code)s '%(event)s' %(start)s–%(end)s they "
    "attend":
        "%(name)s: %(span)s kattub sündmusega %(code)s „%(event)s“ (%(kind)s) "
        "%(start)s–%(end)s, milles ta osaleb",

    # --- rows that do not match the team file ---------------------------------------------
    "%(name)s: %(kind)s %(span)s names a person who is not in the team file":
        "%(name)s: %(kind)s %(span)s on inimesel, keda meeskonna andmetes pole",
    "%(name)s: %(span)s is dated %(dated)s but starts on %(starts)s":
        "%(name)s: %(span)s on kirjas kuupäevaga %(dated)s, kuid algab %(starts)s",
    "%(name)s: shift code %(code)s on %(day)s is not a shift type of the team file":
        "%(name)s: %(day)s vahetuse koodi %(code)s meeskonna vahetuste hulgas pole",
    "%(name)s: shift %(code)s does not run on %(day)s":
        "%(name)s: %(day)s vahetust %(code)s ei ole",
    "%(name)s: %(span)s does not match shift %(code)s, which runs %(start)s–%(end)s on that day":
        "%(name)s: %(span)s ei vasta vahetusele %(code)s, mis on sel päeval %(start)s–%(end)s",
    "%(name)s: shift %(code)s belongs to service %(service)s, which is not in the team file":
        "%(name)s: vahetus %(code)s kuulub teenusele %(service)s, mida meeskonna andmetes pole",
    "%(name)s: event code %(code)s on %(day)s is not an event of the team file":
        "%(name)s: %(day)s sündmuse koodi %(code)s meeskonna sündmuste hulgas pole",
    "%(name)s: there is no event %(code)s on %(day)s in the team file":
        "%(name)s: meeskonna andmetes pole sündmust %(code)s %(day)s",
    "%(name)s: %(span)s does not match event %(code)s, which runs %(start)s–%(end)s":
        "%(name)s: %(span)s ei vasta sündmusele %(code)s, mis on %(start)s–%(end)s",
    "%(name)s: event row %(span)s, but the team file does not list %(name)s among its attendees":
        "%(name)s: sündmuse rida %(span)s, kuid meeskonna andmetes pole %(name)s selle "
        "osalejate hulgas",
    "%(name)s: row %(span)s has kind %(kind)s; expected shift or event":
        "%(name)s: rea %(span)s liik on %(kind)s; oodati vahetust või sündmust",
    "%(name)s: %(kind)s %(code)s on %(day)s is after %(year)04d-%(month)02d and was not checked":
        "%(name)s: %(kind)s %(code)s %(day)s on pärast kuud %(month)02d.%(year)04d ja seda ei "
        "kontrollitud",

    # --- the solver's explanations ----------------------------------------------------------
    "%(day)s %(need)s: %(wanted)s, %(available)s available: %(reasons)s":
        "%(day)s %(need)s: %(wanted)s, saadaval %(available)s: %(reasons)s",
    "needs %(count)s person": "vaja on %(count)s inimene",
    "needs %(count)s people": "vaja on %(count)s inimest",
    "needs %(count)s speaker of %(language)s": "vaja on %(count)s keele %(language)s kõneleja",
    "needs %(count)s speakers of %(language)s": "vaja on %(count)s keele %(language)s kõnelejat",
    "%(name)s %(why)s": "%(name)s %(why)s",
    "nobody in the team may take it": "meeskonnas ei tohi keegi seda võtta",
    "nobody else in the team may take it": "meeskonnas ei tohi keegi teine seda võtta",
    "service %(service)s has no shift type to cover it": "teenusel %(service)s pole seda katvat vahetuse liiki",
    "nobody in the team has %(service)s among their services": "meeskonnas pole kellelgi teenust %(service)s",
    "nobody who takes %(service)s speaks %(language)s": "keegi teenuse %(service)s tegijatest ei räägi keelt %(language)s",
    "is held off that day (a pinned day off, or a day before the re-plan starts)":
        "on sel päeval vaba kinnitatud (kinnitatud vaba päev või päev enne ümberplaneerimise algust)",
    "is held at %(shift)s that day (a pinned cell, or a day before the re-plan starts)":
        "on sel päeval kinnitatud vahetusele %(shift)s (kinnitatud lahter või päev enne ümberplaneerimise algust)",
    "was free; the search ran out of time before placing them here":
        "oli vaba; otsingul sai aeg otsa enne, kui ta siia paigutati",
    "has used %(used)s h of the %(cap)s h of line work left beside the protected management time "
    "(%(kept)s h of the month's norm)":
        "on kasutanud %(used)s h liinitööst, mida kaitstud juhtimisaja kõrvale jääb %(cap)s h "
        "(kuu normist %(kept)s h)",
    "%(need)s: at least %(count)s people on each of %(days)s days of the month, but only %(have)s in the team "
    "take %(service)s":
        "%(need)s: vähemalt %(count)s inimest kuu %(days)s päeval, kuid meeskonnas teeb teenust %(service)s ainult "
        "%(have)s",
    "%(need)s: at least %(count)s who speak %(language)s on each of %(days)s days of the month, but only "
    "%(have)s of those who take %(service)s do":
        "%(need)s: vähemalt %(count)s keele %(language)s kõnelejat kuu %(days)s päeval, kuid teenuse %(service)s "
        "tegijatest räägib seda ainult %(have)s",
    "every minimum cannot be met (proven); how few places must stay empty was not found within the time limit: "
    "the lines below leave %(count)s empty, one way the month falls short, not necessarily the fewest (give the "
    "solve more time)":
        "kõiki miinimume ei saa täita (tõestatud); kui vähe kohti peab tühjaks jääma, ajapiiri jooksul ei selgunud: "
        "allolevad read jätavad tühjaks %(count)s kohta, üks võimalik puudujääk, mitte tingimata väikseim (anna "
        "lahendajale rohkem aega)",
    "no rota of this month costs less than %(points)s points: with weekends kept whole, the fair shares of weekend "
    "days cannot fill its %(places)s weekend places, so someone works more weekend days than their share, a "
    "weekend is split or a place stays empty":
        "ükski selle kuu plaan ei maksa alla %(points)s punkti: kui nädalavahetused jäävad terveks, ei täida "
        "nädalavahetuse päevade õiglased osad kuu %(places)s nädalavahetuse kohta, nii et keegi teeb oma osast "
        "rohkem nädalavahetuse päevi, mõni nädalavahetus poolitub või mõni koht jääb tühjaks",
    "is not active": "ei ole aktiivne",
    "is not employed yet (from %(first)s)": "ei ole veel tööl (alates %(first)s)",
    "is no longer employed (until %(last)s)": "ei ole enam tööl (kuni %(last)s)",
    "%(name)s: %(kind)s %(span)s is before their employment begins on %(first)s":
        "%(name)s: %(kind)s %(span)s on enne töösuhte algust %(first)s",
    "%(name)s: %(kind)s %(span)s runs past the end of their employment (%(last)s 24:00)":
        "%(name)s: %(kind)s %(span)s kestab üle töösuhte lõpu (%(last)s kell 24:00)",
    "%(name)s: %(kind)s %(span)s is after their employment ended on %(last)s":
        "%(name)s: %(kind)s %(span)s on pärast töösuhte lõppu %(last)s",
    "does not take %(service)s": "ei tööta teenuses %(service)s",
    "is away (%(kind)s, %(first)s–%(last)s)": "on eemal (%(kind)s, %(first)s–%(last)s)",
    "attends %(event)s %(start)s–%(end)s": "osaleb sündmusel %(event)s %(start)s–%(end)s",
    "may not work nights": "ei tohi öösel töötada",
    "cannot take it: the shift does not run that day": "ei saa seda võtta: vahetust sel päeval ei ole",
    "may not take this work under the substitution rules":
        "ei tohi asendusreeglite järgi seda tööd teha",
    "already works %(shift)s that day": "töötab sel päeval juba vahetuses %(shift)s",
    "would rest only %(rest)s h after %(shift)s ending %(end)s (TLS § 51 needs %(needed)s h)":
        "saaks pärast vahetust %(shift)s, mis lõpeb %(end)s, ainult %(rest)s h puhkeaega "
        "(TLS § 51 nõuab %(needed)s h)",
    "would rest only %(rest)s h before %(shift)s starting %(start)s (TLS § 51 needs %(needed)s h)":
        "saaks enne vahetust %(shift)s, mis algab %(start)s, ainult %(rest)s h puhkeaega "
        "(TLS § 51 nõuab %(needed)s h)",
    "would not have %(needed)s h rest around %(event)s (TLS § 51)":
        "ei saaks sündmuse %(event)s ümber %(needed)s h puhkeaega (TLS § 51)",
    "would be left without %(needed)s h weekly rest in the week from %(monday)s (TLS § 52)":
        "jääks nädalas alates %(monday)s ilma %(needed)s h iganädalase puhkeajata (TLS § 52)",
    "would work %(hours)s h in the 7 days from %(first)s as a night worker (TLS § 50 allows "
    "%(max)s h)":
        "töötaks öötöötajana 7 päeva jooksul alates %(first)s %(hours)s h (TLS § 50 lubab "
        "%(max)s h)",
    "would average more than %(max)s h a week over the accounting period (TLS § 46)":
        "töötaks arvestusperioodis keskmiselt rohkem kui %(max)s h nädalas (TLS § 46)",
    "would reach %(hours)s h against a norm of %(norm)s h":
        "jõuaks %(hours)s tunnini, kuigi norm on %(norm)s h",
    "was free, but other goals (hours, wishes, fairness) kept them off":
        "oli vaba, kuid muud eesmärgid (tunnid, soovid, õiglus) jätsid ta välja",
    "no rota found within %(seconds)s s": "%(seconds)s s jooksul graafikut ei leitud",
    "the model has no solution even with coverage relaxed: the history or pinned cells break a "
    "rule":
        "mudelil pole lahendust isegi leevendatud kattevajadustega: eelmise kuu andmed või "
        "lukustatud lahtrid rikuvad mõnda reeglit",
    "the history holds no rota of %(months)s, in the accounting period %(first)s to %(last)s: those months "
    "are taken as worked to the norm for the balance and the 48 h average (give their rota as history to carry "
    "the real balance and average)":
        "ajaloos pole kuude %(months)s graafikut (arvestusperiood %(first)s kuni %(last)s): saldo ja 48 h "
        "keskmise jaoks loetakse neid kuid normi järgi töötatuks (tegeliku saldo ja keskmise kandmiseks anna "
        "nende graafik ajaloona)",

    # --- work-rule settings against the law (scheduler/settings.py) -------------------------
    "TLS § 46: 1–4 months, 12 only by collective agreement": "TLS § 46: 1–4 kuud, 12 ainult kollektiivlepinguga",
    "a month number 1–12": "kuu number 1–12",
    "TLS § 46: at most 48 h, 52 h with a separate agreement":
        "TLS § 46: kuni 48 h, eraldi kokkuleppel 52 h",
    "TLS § 51: at least 11 h rest in every 24 h": "TLS § 51: vähemalt 11 h puhkeaega iga 24 h jooksul",
    "TLS § 51: at most 13 h, 24 h only under the long-shift switch":
        "TLS § 51: kuni 13 h, 24 h ainult siis, kui pikad vahetused on lubatud",
    "TLS § 52 (2): at least 36 h weekly rest": "TLS § 52 (2): vähemalt 36 h iganädalast puhkeaega",
    "TLS § 47: a break at the latest after 6 h of work": "TLS § 47: vaheaeg hiljemalt pärast 6 h tööd",
    "TLS § 47: at least 30 min break": "TLS § 47: vähemalt 30 min vaheaega",
    "TLS § 45 (1): night time is 22–06": "TLS § 45 (1): ööaeg on kell 22–06",
    "TLS night-work rules: ≥ 3 h at night makes a night worker":
        "TLS öötöö reeglid: ≥ 3 h öösel teeb inimesest öötöötaja",
    "TLS night-work rules: 8 h per 24 h on average, at most 48 h in 7 days":
        "TLS öötöö reeglid: keskmiselt 8 h 24 h kohta, kuni 48 h 7 päeva jooksul",
    "a share between 0 and 1": "osakaal 0 kuni 1",
    "a count of nights": "öde arv",
    "a count of days": "päevade arv",
    "expected one of %(choices)s, got %(value)s": "oodati üht väärtustest %(choices)s, saadi %(value)s",
    "expected true or false, got %(value)s": "oodati true või false, saadi %(value)s",
    "expected a number, got %(value)s": "oodati arvu, saadi %(value)s",
    "expected a whole number, got %(value)s": "oodati täisarvu, saadi %(value)s",
    "%(value)s is outside %(low)s–%(high)s (%(source)s)":
        "%(value)s jääb väljapoole vahemikku %(low)s–%(high)s (%(source)s)",
    "%(duty)s h leaves less than %(rest)s h rest in 24 h; longer duties need long_shifts_allowed = true "
    "(TLS § 51)":
        "%(duty)s h valve jätab 24 h sisse vähem kui %(rest)s h puhkeaega; pikemad valved vajavad "
        "pikkade vahetuste lubamist (long_shifts_allowed = true) (TLS § 51)",
    "1–4 months, or 12 by collective agreement (TLS § 46)": "1–4 kuud või kollektiivlepinguga 12 (TLS § 46)",
    "may work a duty of at most %(max)s h, and %(shift)s lasts %(hours)s h (TLS § 51: longer duties need "
    "long_shifts_allowed)":
        "võib teha kõige rohkem %(max)s h pikkuse töövahetuse, aga %(shift)s kestab %(hours)s h (TLS § 51: "
        "pikemad vahetused vajavad seadet long_shifts_allowed)",
    "%(name)s has no duties in the history's rota of %(months)s (accounting period %(first)s to %(last)s): "
    "taken as worked to the norm, as for someone new in the team":
        "%(name)s: ajaloo graafikus pole kuudel %(months)s tema töövahetusi (arvestusperiood %(first)s kuni "
        "%(last)s): neid loetakse normi järgi töötatuks nagu meeskonna uuel liikmel",
}
