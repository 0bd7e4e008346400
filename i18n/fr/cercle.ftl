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
child-talk = Je veux parler à quelqu’un
child-progress = { $current } sur { $total }
child-choose-many = Tu peux choisir plusieurs réponses.
child-type-here = Écris ici si tu veux
child-less = Moins
child-more = Plus
child-required = Choisis une réponse, ou appuie sur « Je préfère ne pas répondre ».
child-out-of-range = Choisis un nombre entre { $min } et { $max }.
child-too-long = C’est un peu long. Tu peux faire plus court ?
child-not-accepted = Cette réponse ne marche pas ici. Essaie autre chose.
child-thanks-title = Merci !
child-thanks-body = Tes réponses aident les adultes à comprendre ce que pensent les enfants. Rends la tablette à l’adulte qui te l’a donnée.
child-help-title = Où trouver de l’aide
child-help-body = Si quelque chose t’inquiète ou si quelqu’un te fait du mal, ce n’est pas ta faute. Tu peux en parler à l’adulte qui est avec toi aujourd’hui, ou à un adulte en qui tu as confiance.
child-talk-title = Cherchons quelqu’un à qui parler
child-talk-body = Donne la tablette à l’adulte qui est avec toi. Tu n’as rien fait de mal, et tu peux arrêter quand tu veux.
child-talk-return = Revenir aux questions
child-facilitator = Pour l’animateur

## Review and finalise
review-title = Relire la session
review-summary = Questions avec réponse : { $answered } sur { $total }
review-finalise = Finaliser
review-continue = Revenir au mode enfant
review-home = Retour à l’accueil
review-rather-not-say = Préfère ne pas répondre
review-dont-know = Ne sait pas
review-not-answered = Sans réponse
review-done = La session est finalisée et attend d’être envoyée.

## About
about-title = À propos de Cercle
about-body = Cercle recueille l’avis des enfants hors ligne, en français, en anglais, en espagnol et en arabe, et le garde anonyme. On ne demande jamais de nom, de date de naissance, d’adresse, de numéro de téléphone ni de photo.
about-back = Retour

## Problems
error-save = Ta réponse n’a pas pu être enregistrée ({ $detail }). Appelle l’animateur ; les réponses déjà données sont bien gardées.
error-open = Impossible d’ouvrir les données : { $detail }
