# Chaînes de l’interface de Cercle (français). Chaque clé existe en en, fr, es et ar : un test le vérifie.
# Les chaînes destinées aux enfants (child-*) sont lues par des enfants de 6 à 17 ans : phrases courtes, chaleureuses, mots simples.

app-name = Cercle
app-tagline = La voix des enfants, écoutée en toute sécurité

## Facilitator home
home-forms = Formulaires
home-start = Démarrer une session
home-unfinished = Sessions non terminées
home-finalised = Sessions finalisées
home-resume = Reprendre
home-review = Relire
home-none-unfinished = Aucune session non terminée.
home-none-finalised = Aucune session finalisée pour l’instant.
home-interface-language = Langue de l’interface
home-about = À propos
home-builtin = Intégré
session-answered = { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
session-code = Code { $code }
session-in-progress = En cours
session-finalised = Finalisée

## Starting a session
start-title = Nouvelle session
start-form = Formulaire
start-language = Langue de la session
start-age-band = Tranche d’âge de l’enfant
start-age-help = Demandez uniquement la tranche d’âge, jamais l’âge exact ni la date de naissance.
start-begin = Passer la tablette à l’enfant
start-cancel = Annuler
age-band-6-7 = 6 à 7 ans
age-band-8-12 = 8 à 12 ans
age-band-13-17 = 13 à 17 ans

## Child mode
child-next = Suivant
child-back = Retour
child-finish = Terminer
child-rather-not-say = Je préfère ne pas répondre
child-dont-know = Je ne sais pas
child-listen = Écouter
child-no-sound = Cette tablette ne peut pas jouer de son pour l’instant. Tu peux demander à l’adulte de te le lire.
child-audio-unreadable = Cet enregistrement ne peut pas être lu. Tu peux demander à l’adulte de te le lire.
child-talk = Je veux parler à quelqu’un
child-progress = { $current } sur { $total }
child-choose-many = Tu peux choisir plusieurs réponses.
child-type-here = Écris ici si tu veux
child-less = Moins
child-more = Plus
child-required = Choisis une réponse, ou appuie sur « Je préfère ne pas répondre ».
child-out-of-range = Choisis un nombre entre { $min } et { $max }.
child-too-long = C’est un peu long. Tu peux faire plus court ?
child-not-a-number = Écris un nombre, par exemple 3 ou 2.5.
child-not-a-date = Écris une date comme ceci : 2026-03-15.
child-not-accepted = Cette réponse ne marche pas ici. Essaie autre chose.
child-thanks-title = Merci !
child-thanks-body = Tes réponses aident les adultes à comprendre ce que pensent les enfants. Rends la tablette à l’adulte qui te l’a donnée.
child-help-title = Où trouver de l’aide
child-help-body = Si quelque chose t’inquiète ou si quelqu’un te fait du mal, ce n’est pas ta faute. Tu peux en parler à l’adulte qui est avec toi aujourd’hui, ou à un adulte en qui tu as confiance.
child-talk-title = Cherchons quelqu’un à qui parler
child-talk-body = Donne la tablette à l’adulte qui est avec toi. Tu n’as rien fait de mal, et tu peux arrêter quand tu veux.
child-talk-return = Revenir aux questions
child-facilitator = Pour l’animateur
child-repeat-instance = { $label } · { $number }
child-repeat-count = { $count ->
    [0] Tu n’en as encore ajouté aucun.
    [one] Tu en as ajouté un.
   *[other] Tu en as ajouté { $count }.
}
child-repeat-add-first = En ajouter un
child-repeat-add = En ajouter un autre
child-repeat-remove = Enlever
child-repeat-keep = Le garder
child-repeat-remove-yes = Oui, l’enlever
child-repeat-done = Quand tu as fini, appuie sur Suivant.

## Review and finalise
review-title = Relire la session
review-summary = Questions avec réponse : { $answered } sur { $total }
review-instance = { $question } ({ $number })
review-finalise = Finaliser
review-continue = Revenir au mode enfant
review-home = Retour à l’accueil
review-rather-not-say = Préfère ne pas répondre
review-dont-know = Ne sait pas
review-not-answered = Sans réponse
review-done = La session est finalisée et mise en file d’envoi : elle reste sur cette tablette, chiffrée, jusqu’à ce que le serveur confirme l’avoir reçue (voir Envoyer).

## About
about-title = À propos de Cercle
about-body = Cercle recueille l’avis des enfants hors ligne, en français, en anglais, en espagnol et en arabe, et le garde anonyme. On ne demande jamais de nom, de date de naissance, d’adresse, de numéro de téléphone ni de photo.
about-back = Retour

## Problems
error-save = Ta réponse n’a pas pu être enregistrée ({ $detail }). Appelle l’animateur ; les réponses déjà données sont bien gardées.
error-finalise = La session n’a pas été finalisée ({ $detail }). Ses réponses sont conservées ; réessayez.
error-open = Impossible d’ouvrir les données : { $detail }

## The facilitator's lock (C7, C9)
lock-title-create = Choisissez la phrase de passe de l’animateur
lock-title-unlock = Saisissez la phrase de passe pour déverrouiller
lock-title-facilitator = Pour l’animateur : saisissez la phrase de passe
lock-rules = Au moins 10 caractères, dont au moins 5 différents. Une courte phrase est facile à retenir et difficile à deviner.
lock-warning = Notez-la et gardez-la en lieu sûr. Si elle est oubliée, personne ne pourra récupérer les données de cet appareil.
lock-passphrase = Phrase de passe
lock-confirm = Confirmer la phrase de passe
lock-submit-create = Définir la phrase de passe
lock-submit-unlock = Déverrouiller
lock-cancel = Revenir à l’enfant
lock-mismatch = Les deux phrases de passe ne sont pas identiques.
lock-wrong = Phrase de passe incorrecte.
lock-wait = Trop de tentatives. Réessayez dans { $seconds ->
    [one] 1 seconde.
   *[other] { $seconds } secondes.
}
pass-rule-length = La phrase de passe doit contenir au moins 10 caractères.
pass-rule-variety = La phrase de passe doit contenir au moins 5 caractères différents.
home-lock = Verrouiller

## Consent, assent, limits of confidentiality (C2, C3)
start-consent = Le représentant légal de l’enfant a donné son consentement
start-consent-needed = Ici, les enfants de moins de { $age } ans ont besoin du consentement de leur représentant légal. Confirmez-le avant de commencer.
assent-title = Est-ce que tu veux répondre à quelques questions ?
assent-body = Tu peux dire non. Tu peux sauter une question ou arrêter quand tu veux, et il ne t’arrivera rien de mal.
assent-yes = Oui, je veux participer
assent-no = Non, merci
assent-declined = C’est d’accord. Merci ! Tu peux rendre la tablette à l’adulte.
limits-title = Ce que deviennent tes réponses
limits-body = Tes réponses sont privées. On n’écrit jamais ton nom. Les adultes regardent les réponses de tous les enfants ensemble, pas les tiennes toutes seules. Mais si tu nous dis que quelqu’un te fait du mal, l’adulte devra peut-être en parler à quelqu’un qui peut aider à te protéger.
limits-ok = J’ai compris

## Safeguarding, free text, withdrawal (C5, C6, C12)
review-concern = Une inquiétude liée à la protection de l’enfant a été signalée dans cette session.
review-add-concern = Signaler une inquiétude
review-concern-note = Note sur l’inquiétude (conservée à part, jamais exportée)
review-referral-title = Circuit de référencement
review-referral-steps = 1. Restez calme et écoutez. 2. Ne promettez pas de garder le secret. 3. Prévenez aujourd’hui même le point focal protection du site. 4. Notez uniquement ce que l’enfant a dit, avec ses propres mots.
review-freetext-warning = Une réponse peut contenir des informations qui permettent d’identifier quelqu’un (un numéro de téléphone, une adresse e-mail, un long numéro ou un nom). Vérifiez-la et masquez ces informations avant de finaliser.
review-redact = Masquer
review-finalise-confirm = Une réponse marquée en rouge peut encore permettre d’identifier l’enfant. Masquez-la, ou touchez à nouveau Finaliser pour la garder telle quelle.
review-withdraw = Retirer cet enfant
home-withdraw = Retirer un enfant
withdraw-code = Code participant
withdraw-done = Toutes les données de { $code } ont été supprimées de cet appareil.
withdraw-unknown = Aucune session avec le code { $code } sur cet appareil.

## Importing forms on the device
home-import-where = Pour ajouter un formulaire, déposez son XLSForm (.xlsx ou .xls, ou .zip avec ses images) dans :
home-import = Importer
import-done = Formulaire { $form } importé ({ $warnings ->
    [0] aucun avertissement
    [one] 1 avertissement
   *[other] { $warnings } avertissements
}).
import-refused = { $file } n’a pas été importé : { $errors ->
    [one] 1 erreur :
   *[other] { $errors } erreurs. La première :
} { $first }

## The facilitator's audit log and passphrase (C9, C13)
home-audit = Journal d’audit
audit-title = Journal d’audit
audit-empty = Rien n’a encore été enregistré.
audit-back = Retour
pass-change-title = Changer la phrase de passe
pass-change-current = Phrase de passe actuelle
pass-change-new = Nouvelle phrase de passe
pass-change-again = Nouvelle phrase de passe, encore
pass-change-submit = Changer la phrase de passe
pass-change-done = La phrase de passe a été changée et les données chiffrées à nouveau.
audit-action-create = Phrase de passe définie
audit-action-unlock = Déverrouillage
audit-action-lock = Verrouillage
audit-action-start = Séance commencée
audit-action-resume = Séance reprise
audit-action-finalise = Séance finalisée
audit-action-export = Export
audit-action-import = Formulaire importé
audit-action-withdraw = Retrait d’un enfant
audit-action-redact = Réponse caviardée
audit-action-concern = Préoccupation signalée
audit-action-purge = Données effacées après envoi
audit-action-site-setting = Règle du site modifiée
audit-action-simulate = Séances simulées
audit-action-facilitator-check = Sortie du mode enfant
audit-action-passphrase-change = Phrase de passe changée

## Règles du site (animateur)
audit-site-rules = Règles du site
site-title = Règles du site
site-intro = Ces règles protègent les enfants de ce site. Chaque modification est inscrite au journal d’audit.
site-jurisdiction = Juridiction
site-jurisdiction-hint = D’où viennent les règles ; enregistré avec chaque consentement parental (par exemple QC pour le Québec).
site-consent_age = Consentement parental avant cet âge
site-consent_age-hint = Un parent ou tuteur doit consentir pour les enfants plus jeunes que cet âge.
site-count_refusals = Compter les enfants qui disent non
site-count_refusals-hint = On garde seulement un nombre par formulaire et par jour, rien d’autre sur l’enfant.
site-idle_lock_minutes = Verrouiller après ce nombre de minutes d’inactivité
site-idle_lock_minutes-hint = L’application se verrouille quand personne ne l’a touchée depuis ce temps.
site-retention_days = Jours de conservation des réponses après l’envoi
site-retention_days-hint = 0 efface les réponses d’une session dès que le serveur confirme les avoir reçues.
site-site_name = Nom du site
site-site_name-hint = Le lieu d’où viennent ces sessions (une école, un centre, une ville) : les fichiers de transfert le portent pour que la coordination distingue les sites. Jamais le nom d’une personne.
site-names = Noms à repérer dans les réponses écrites
site-names-hint = Séparez-les par des virgules : personnel, lieux, écoles. Une réponse écrite qui en contient un est signalée avant la finalisation.
site-referral = Circuit d’orientation ({ $language })
site-referral-hint = Qui contacter et quoi faire quand un enfant exprime une inquiétude. Seul l’animateur le voit.
site-help = Où les enfants peuvent trouver de l’aide ({ $language })
site-help-hint = Montré à chaque enfant à la fin de la session : une ligne d’écoute, un service de confiance.
site-yes = Oui
site-no = Non
site-save = Enregistrer les règles
site-back = Retour
site-saved = Les règles sont enregistrées.
site-unchanged = Rien n’a été modifié.
site-invalid = Rien n’a été enregistré : corrigez les règles marquées en rouge.
site-error-consent_age = Saisissez un âge de 0 à 18.
site-error-idle_lock_minutes = Saisissez un nombre de minutes de 1 à 120.
site-error-retention_days = Saisissez un nombre de jours de 0 à 3650.
site-error-count_refusals = Choisissez oui ou non.
site-error-jurisdiction = Cette valeur ne peut pas être utilisée.
site-error-names = Cette valeur ne peut pas être utilisée.
error-disk-full = L'appareil est plein : plus rien ne peut être enregistré. Libérez de la place (ou copiez le dossier de données ailleurs) ; rien de ce qui est déjà enregistré n'est perdu.
error-read-only = Le dossier de données est en lecture seule. Tout ce qui est enregistré peut encore être lu et exporté.
error-damaged = Le fichier de la base de données est endommagé. Copiez tout le dossier de données en lieu sûr et contactez votre coordinateur ou coordinatrice avant toute autre action.
error-busy = Les données sont occupées (un autre programme les a ouvertes). Réessayez dans un instant.
error-unknown-form = Aucun formulaire { $form } sur cet appareil.
error-no-session = Aucune séance n'est ouverte.
error-file = { $file } n'a pas pu être écrit : { $detail }
audit-action-unlock-failed = Tentatives de déverrouillage échouées
import-version-installed = Le formulaire { $form } version { $version } est déjà sur cet appareil avec d'autres questions ou images. Un formulaire modifié doit avoir une nouvelle version (colonne version de la feuille settings).
start-choose-age-band = Choisissez d'abord la tranche d'âge de l'enfant.
lock-try-again = Vous pouvez réessayer maintenant.
child-handover = Merci ! Donne maintenant la tablette à l’adulte, s’il te plaît.
withdraw-ask = Supprimer tout ce qui concerne { $code } de cet appareil ? C’est définitif. Une préoccupation de protection ouverte est gardée jusqu’à ce que vous la fermiez.
withdraw-confirm = Oui, supprimer
withdraw-cancel = Annuler
home-concerns = Protection : préoccupations ouvertes
home-concern-close = Fermer
concern-child = { $code } : l’enfant a demandé à parler à quelqu’un ({ $date })
concern-facilitator = { $code } : signalé par l’animateur ({ $date })
concern-declined = Un enfant qui a choisi de ne pas participer a demandé à parler à quelqu’un ({ $date })
audit-action-concern-close = Préoccupation fermée
child-more-below = La suite est plus bas
audit-detail-session = enfant { $code }
audit-detail-concern-close = { $form }
audit-detail-create = { $front ->
    [cli] en ligne de commande
    [recover] par une récupération
   *[window] dans l’application
}
audit-detail-unlock = { $front ->
    [cli] en ligne de commande
   *[window] dans l’application
}
audit-detail-unlock-failed = { $count ->
    [one] 1 phrase secrète erronée avant
   *[other] { $count } phrases secrètes erronées avant
}
audit-detail-start = enfant { $code }, formulaire { $form }
audit-detail-import = formulaire { $form }, version { $version }, { $media } fichiers médias
audit-detail-site-setting = { $rule }
audit-detail-export = formulaire { $form } : { $count } sessions en { $format }{ $free_text ->
    [yes] , avec le texte libre
   *[no] {""}
}
audit-detail-simulate = formulaire { $form } : { $count } sessions
audit-detail-purge = session { $session }
audit-detail-recover = { $saved } sessions sauvées, { $lost } illisibles
audit-action-recover = Récupération d’un fichier endommagé
lock-recover = Sauver toutes les sessions lisibles dans une nouvelle base
lock-recovered = { $saved } sessions ont été sauvées dans une nouvelle base ({ $lost } illisibles). Le fichier endommagé est gardé dans le dossier { $folder } : remettez-le à votre coordinateur ou coordinatrice.

## Upload later: the server, the queue, sending (issue "Upload later")
xform-state-name-taken = La question « { $name } » ne peut pas être écrite en XForm : son champ d’état « { $name }_state » est déjà le nom d’une autre ligne. Renommez cette ligne.
xform-reserved-name = La ligne « { $name } » porte un nom que Cercle se réserve dans les soumissions. Renommez la ligne.
server-not-an-address = « { $address } » n’est pas une adresse web. Copiez l’adresse complète de votre serveur, en commençant par https://
server-not-https = L’adresse doit commencer par https:// pour que personne ne puisse lire les réponses des enfants en chemin.
server-central-no-username = Une adresse d’utilisateur mobile ODK Central contient sa propre clé : laissez vides le nom d’utilisateur et le mot de passe.
server-needs-credentials = Ce serveur demande à la fois un nom d’utilisateur et un mot de passe.
server-test-ok = Le serveur répond et accepte les soumissions de cette tablette.
server-test-forms-missing = Le serveur répond, mais ces formulaires n’y sont pas encore : { $forms }. Demandez à votre coordinateur ou coordinatrice de les publier (cercle forms xform les génère).
sync-no-server = Aucun serveur n’est encore défini : indiquez-en un dans l’écran Envoyer (ou avec cercle server set).
sync-cannot-build = Une session finalisée n’a pas pu être préparée pour l’envoi : { $error }
sync-failure-no-connection = Pas de connexion au serveur : vérifiez le réseau (Wi-Fi ou données mobiles) et l’adresse du serveur.
sync-failure-timeout = Le serveur a mis trop de temps à répondre. Un nouvel essai sera fait ; rien n’est perdu ni envoyé deux fois.
sync-failure-reset = La connexion a été coupée pendant l’envoi. Un nouvel essai sera fait ; rien n’est perdu ni envoyé deux fois.
sync-failure-tls = Impossible d’établir une connexion sécurisée avec le serveur. Cela peut venir d’un réseau Wi-Fi qui demande de se connecter d’abord : ouvrez un navigateur et connectez-vous, puis réessayez.
sync-failure-busy = Le serveur ne peut pas recevoir d’envoi pour l’instant (erreur { $status }). Un nouvel essai sera fait plus tard.
sync-failure-credentials = Le serveur a refusé les identifiants. Vérifiez l’adresse (pour ODK Central, celle de l’utilisateur mobile) ou le nom d’utilisateur et le mot de passe.
sync-failure-form-not-on-server = Ce formulaire n’est pas sur le serveur (ou cet utilisateur mobile n’a peut-être pas le droit d’y envoyer). Demandez à votre coordinateur ou coordinatrice de le publier et de donner accès à cette tablette.
sync-failure-not-openrosa = Ce n’est pas le serveur qui a répondu : c’est un réseau Wi-Fi qui demande de se connecter d’abord, ou l’adresse est erronée. Connectez-vous au Wi-Fi ou vérifiez l’adresse.
sync-failure-too-big = Cette soumission est trop volumineuse pour le serveur ({ $size } Ko ; il accepte au plus { $limit } Ko). Demandez à votre coordinateur ou coordinatrice de relever la limite du serveur.
sync-failure-conflict = Le serveur contient déjà une autre soumission avec le même identifiant. Rien n’a été écrasé : prévenez votre coordinateur ou coordinatrice.
sync-failure-refused = Le serveur a refusé cette soumission (erreur { $status }) : { $message }
audit-action-upload = Envoyé au serveur
audit-detail-upload = formulaire { $form } : { $result ->
    [already] était déjà sur le serveur
    [conflict] conflit
    [rejected] refusé
   *[sent] envoyé
}{ $kind ->
    [withdrawal] {" "}(avis de retrait)
   *[session] {""}
}
audit-action-sync = Envoi
audit-detail-sync = envoyées : { $sent }, déjà sur le serveur : { $already }, conflits : { $conflicts }, échecs : { $failed }, restantes : { $left }
audit-action-server-set = Serveur modifié
audit-detail-server-set = { $kind ->
    [central] ODK Central
    [kobo] KoboToolbox
    [openrosa] serveur OpenRosa
   *[none] aucun serveur
}
audit-action-requeue = Nouvel essai d’envoi
audit-detail-requeue = soumission { $submission }
send-open = Envoyer
send-title = Envoyer au serveur
send-server = Serveur
send-url = Adresse du serveur
send-url-hint = https://… (l’adresse de l’utilisateur mobile ODK Central, ou votre serveur KoboToolbox)
send-username = Nom d’utilisateur (KoboToolbox et autres serveurs)
send-password = Mot de passe
send-save = Enregistrer le serveur
send-test = Tester la connexion
send-testing = Test de la connexion…
send-saved = Le serveur est enregistré.
send-no-server = Aucun serveur n’est encore défini.
send-now = Envoyer maintenant
send-back = Retour
send-empty = Rien à envoyer : toutes les sessions finalisées sont sur le serveur.
send-state-queued = En attente d’envoi
send-state-sending = Envoi en cours
send-state-sent = Sur le serveur
send-state-conflict = Conflit
send-state-rejected = Refusé par le serveur
send-withdrawal = Avis de retrait pour { $code }
send-last-try = Dernier essai : { $when }
send-never-tried = Pas encore essayé
send-retry = Réessayer
send-progress = Envoi en cours : { $done } sur { $total }…
send-summary = Envoyées : { $sent }, déjà sur le serveur : { $already }, conflits : { $conflicts }, échecs : { $failed }, restantes : { $left }
send-background = Les sessions finalisées sont envoyées en arrière-plan dès que l’application est déverrouillée et qu’un réseau est disponible.

## Transfer files (issue "Coordinator")
transfer-bad-public-key = Ce n’est pas la clé publique d’une coordination : c’est une ligne qui commence par age1, tirée du fichier coordinator.pub de la coordination.
transfer-bad-private-key = Le fichier de clé de la coordination est illisible ({ $detail }) : utilisez le fichier coordinator.key écrit par cercle transfer keygen.
transfer-wrong-passphrase = Phrase secrète incorrecte pour la clé de la coordination.
transfer-wrong-key = Ce fichier n’a pas été écrit pour cette clé de coordination : rien n’a été importé. Demandez à l’animateur ou l’animatrice quelle clé publique a servi.
transfer-not-a-file = Ce n’est pas un fichier de transfert Cercle, ou il est abîmé : rien n’a été importé. Demandez de nouveau le fichier.
audit-action-transfer-export = Fichier de transfert écrit
audit-detail-transfer-export = sessions : { $sessions }, avis de retrait : { $notices }
audit-action-transfer-import = Fichier de transfert importé
audit-detail-transfer-import = nouvelles : { $new }, déjà présentes : { $already }, retirées : { $withdrawn }

## Coordinator exports (column headers in label mode, answer states, disclosure control)
age-band-6-12 = 6 à 12 ans
age-band-6-17 = 6 à 17 ans
export-col-key = Clé
export-col-form-version = Version du formulaire
export-col-language = Langue
export-col-age-band = Tranche d’âge
export-col-site = Site
export-col-started = Début
export-col-finalised = Finalisation
export-col-parent-key = Clé de la ligne parente
export-col-index = Numéro
export-col-count = Nombre : { $repeat }
export-col-variant = variante
export-col-state = état de la réponse
export-state-answered = Réponse donnée
export-state-rather-not-say = Je préfère ne pas répondre
export-state-dont-know = Je ne sais pas
export-state-suppressed = Masqué
export-flag-chosen = choisi
export-flag-not-chosen = non choisi
export-dc-k = k-anonymity : chaque combinaison de { $qis } apparaît au moins { $k } fois.
export-dc-off = La protection k-anonymity est désactivée (k = 1) : la coordination l’a désactivée explicitement.
export-dc-dropped = Exclus des quasi-identifiants par la coordination : { $names }.
export-dc-recoded = Tranches d’âge regroupées en { $bands } : { $count } sessions.
export-dc-suppressed = { $qi } : { $count } valeurs masquées.
export-dc-betrayed = { $count } réponses cachées parce qu’elles permettraient de retrouver une valeur masquée (questions propres à une tranche d’âge, questions qui découlent d’une réponse masquée).
export-dc-withheld = { $count } sessions écartées : trop peu nombreuses pour être protégées, même en masquant tous les quasi-identifiants.
export-dc-changed = Au total, { $count } valeurs modifiées.
export-dc-free-text-on = Réponses en texte libre incluses sur demande, analysées et caviardées (C12).
export-dc-free-text-off = Réponses en texte libre exclues (C12).
export-dc-minimised = Dates sans l’heure ; aucun code participant, identifiant d’appareil, préoccupation ni note de l’animateur.
export-sheet-codebook = Dictionnaire des codes
export-sheet-disclosure = Contrôle de la divulgation
export-codebook-table = Table
export-codebook-column = Colonne
export-codebook-header = En-tête
export-codebook-type = Type
export-codebook-text = Question
export-codebook-codes = Codes
report-title = Ce que les enfants nous ont dit
report-intro = { $count } enfants ont répondu à ce questionnaire.
report-protection = Pour protéger les enfants, tout nombre plus petit que { $threshold } est caché (—), tout comme les nombres qui permettraient de deviner un nombre caché.
report-all-ages = Tous les âges
report-answered = { $count } enfants ont répondu à cette question.
report-answered-multiple = { $count } enfants ont répondu à cette question ; chaque enfant pouvait choisir plusieurs réponses.
report-hidden-note = Certains nombres sont cachés ici (—) pour protéger les enfants.
report-suppressed-summary = En tout, { $count } nombres ont été cachés pour protéger les enfants.
report-footer = Réalisé avec Cercle. Pas de noms, pas d’âges exacts : les enfants sont comptés seulement par tranche d’âge.

## Transfer and the coordinator's workspace (window)
home-results = Résultats
home-open = Ouvrir
home-transfer-details = Un fichier pour la coordination, là où il n’y a pas de serveur
home-coordinator-details = Importer les fichiers des tablettes, exporter, faire un rapport
transfer-title = Transfert vers la coordination
transfer-explain = Écrit dans un seul fichier, que seule la coordination peut ouvrir, les sessions finalisées pas encore transmises, les formulaires qu’elles utilisent et les avis de retrait. Les préoccupations et les notes n’y figurent jamais.
transfer-key = Clé publique de la coordination (age1…)
transfer-where = Le fichier est écrit dans ce dossier :
transfer-write = Écrire le fichier de transfert
transfer-written = Sessions : { $sessions }, avis de retrait : { $notices }, écrits dans { $path }
coordinator-title = Coordination
coordinator-import = Importer les fichiers de transfert des tablettes
coordinator-import-explain = Les fichiers de transfert (.cercle) et la clé de la coordination sont cherchés dans ces dossiers :
coordinator-files = Fichiers de transfert (séparés par ;)
coordinator-key = Fichier de clé de la coordination (coordinator.key)
coordinator-passphrase = Phrase de passe de la clé
coordinator-import-button = Importer
coordinator-imported = Nouvelles sessions : { $new }, déjà présentes : { $already }, retirées : { $withdrawn }.
coordinator-no-files = Aucun fichier de transfert : déposez les fichiers .cercle des tablettes dans l’un des dossiers ci-dessus, ou saisissez leurs chemins.
coordinator-options = Paramètres d’export
coordinator-labels = En-têtes et réponses en :
coordinator-codes = Codes
coordinator-k = k (1 désactive la k-anonymity)
coordinator-threshold = Rapport : cacher les nombres inférieurs à
coordinator-free-text = Inclure le texte libre
coordinator-protection = Chaque export applique la protection k-anonymity selon la tranche d’âge, le site, la langue et le genre ; le rapport cache les petits nombres. Chaque fichier indique ce qui a été modifié.
coordinator-forms = Formulaires
coordinator-form-summary = { $sessions ->
    [one] { $sessions } session finalisée
   *[other] { $sessions } sessions finalisées
} venant de { $tablets ->
    [one] { $tablets } tablette
   *[other] { $tablets } tablettes
}
coordinator-report = Rapport
coordinator-working = Traitement en cours…
coordinator-exported = { $count ->
    [one] { $count } session écrite dans { $path }
   *[other] { $count } sessions écrites dans { $path }
}
coordinator-bad-number = k et le seuil du rapport doivent être des nombres entiers, 1 ou plus.

## Get forms (from ODK Central, KoboToolbox or another OpenRosa server)
get-forms-title = Récupérer les formulaires du serveur
home-get-forms-details = Les formulaires publiés par la coordination sur ODK Central ou KoboToolbox
get-forms-explain = Les formulaires présents sur le serveur. Vous pouvez récupérer ici les nouveaux formulaires et les nouvelles versions ; les anciennes versions restent tant que des sessions les utilisent.
get-forms-no-server = Aucun serveur n’est défini : indiquez-le d’abord dans l’écran Envoyer.
get-forms-asking = Interrogation du serveur…
get-forms-downloading = Récupération des formulaires et de leurs images…
get-forms-listed = { $count ->
    [one] Il y a { $count } formulaire sur le serveur.
   *[other] Il y a { $count } formulaires sur le serveur.
}
get-forms-none-on-server = Le serveur n’a aucun formulaire pour cet appareil.
get-forms-up-to-date = Tous les formulaires du serveur sont déjà là, à jour.
get-forms-got = { $form } : la version { $version } est là ({ $media ->
    [one] { $media } image ou enregistrement téléchargé
   *[other] { $media } images ou enregistrements téléchargés
}).
get-forms-not-got = { $form } n’a pas pu être récupéré : { $reason }
get-forms-get = Récupérer
get-forms-update = Mettre à jour
get-forms-get-all = Récupérer tous les nouveaux formulaires
get-forms-refresh = Redemander au serveur
get-forms-state-new = nouveau
get-forms-state-update = nouvelle version sur le serveur
get-forms-state-installed = déjà là, à jour
get-forms-details = version { $version } · { $state }
get-forms-http = Le serveur a répondu par l’erreur { $status } pour { $file }. Réessayez plus tard, ou demandez à votre coordinateur ou coordinatrice.
get-forms-not-a-form-list = La réponse n’est pas une liste de formulaires : l’adresse est peut-être erronée, ou un réseau Wi-Fi demande de se connecter d’abord.
get-forms-too-large = { $file } dépasse { $limit } Mo : il n’a pas été téléchargé.
get-forms-hash-mismatch = { $file } n’est pas arrivé complet (il ne correspond pas à ce que le serveur avait annoncé). Rien n’a été modifié : réessayez.
get-forms-refused = { $count ->
    [one] Le formulaire ne peut pas fonctionner dans Cercle :
   *[other] Le formulaire ne peut pas fonctionner dans Cercle ({ $count } problèmes) :
}
    { $problems }
get-forms-wrong-form = Le serveur a annoncé le formulaire « { $expected } » mais a envoyé le formulaire « { $found } ». Rien n’a été modifié.
audit-action-form-download = Formulaire téléchargé
audit-detail-form-download = formulaire { $form }, version { $version } — fichiers médias téléchargés : { $fetched }, inchangés : { $kept }, anciennes versions inutilisées supprimées : { $removed }
